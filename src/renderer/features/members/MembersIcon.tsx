// Icons of the 党员 screens (nav: two people), drawn like components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconMembers(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="9" cy="8" r="3.2" />
      <path d="M3.5 19.5c.6-3.3 2.7-5.2 5.5-5.2s4.9 1.9 5.5 5.2" />
      <path d="M15.5 5.2a3 3 0 0 1 0 5.8" />
      <path d="M17 14.6c1.9.6 3.1 2.2 3.5 4.9" />
    </Svg>
  );
}

export function IconEye(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z" />
      <circle cx="12" cy="12" r="2.8" />
    </Svg>
  );
}

export function IconSortAsc(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="m7 14 5-5 5 5" />
    </Svg>
  );
}

export function IconSortDesc(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="m7 10 5 5 5-5" />
    </Svg>
  );
}

export function IconSortNone(p: IconProps) {
  return (
    <Svg {...p} strokeWidth={1.5}>
      <path d="m8.5 9.5 3.5-3.5 3.5 3.5M8.5 14.5l3.5 3.5 3.5-3.5" />
    </Svg>
  );
}
