// Icons of the meeting screens: 协调议事会议 (a round table with chairs), 议定事项 (a list with check marks), and the
// small arrows/trash of the editors, drawn like components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconMeetings(p: IconProps) {
  return (
    <Svg {...p}>
      <ellipse cx="12" cy="13" rx="6" ry="3.5" />
      <circle cx="12" cy="5" r="1.6" />
      <circle cx="3.8" cy="12" r="1.4" />
      <circle cx="20.2" cy="12" r="1.4" />
      <circle cx="12" cy="20.5" r="1.4" />
    </Svg>
  );
}

export function IconDecisions(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M4 6.5l1.6 1.6L8.5 5" />
      <path d="M4 12.5l1.6 1.6 2.9-3.1" />
      <path d="M4.5 18.5h3" />
      <path d="M11 7h9" />
      <path d="M11 13h9" />
      <path d="M11 19h9" />
    </Svg>
  );
}

export function IconArrowUp(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M12 19V5" />
      <path d="M6 11l6-6 6 6" />
    </Svg>
  );
}

export function IconArrowDown(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M12 5v14" />
      <path d="M6 13l6 6 6-6" />
    </Svg>
  );
}

export function IconTrash(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M4 7h16" />
      <path d="M10 11v6M14 11v6" />
      <path d="M6 7l1 13h10l1-13" />
      <path d="M9 7V4h6v3" />
    </Svg>
  );
}

export function IconUsers(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="9" cy="8" r="3.2" />
      <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" />
      <path d="M16 5.2a3 3 0 010 5.6" />
      <path d="M18 14.5c1.8.8 3 2.8 3 5.5" />
    </Svg>
  );
}
