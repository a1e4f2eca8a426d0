// Nav icons of 服务活动 (a calendar with a heart), 统计表 (a ruled sheet with a bar) and 评价与反馈表 (a sheet with a
// check mark), drawn like components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconActivities(p: IconProps) {
  return (
    <Svg {...p}>
      <rect x="3.5" y="5" width="17" height="15.5" rx="2" />
      <path d="M3.5 9.5h17M8 3v4M16 3v4" />
      <path d="M12 18c-2.2-1.4-3.3-2.6-3.3-3.9 0-.9.7-1.6 1.6-1.6.7 0 1.2.4 1.7 1 .5-.6 1-1 1.7-1 .9 0 1.6.7 1.6 1.6 0 1.3-1.1 2.5-3.3 3.9z" />
    </Svg>
  );
}

export function IconParticipation(p: IconProps) {
  return (
    <Svg {...p}>
      <rect x="4" y="3.5" width="16" height="17" rx="1.5" />
      <path d="M4 8.5h16M9.5 8.5v12" />
      <path d="M12.5 17.5v-3M15 17.5v-5M17.5 17.5v-2" />
    </Svg>
  );
}

export function IconEvaluations(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M15 3v4h4" />
      <path d="M9 13.5l2.2 2.2L15.5 11" />
    </Svg>
  );
}

export function IconTrash(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M4.5 7h15M10 11v6M14 11v6" />
      <path d="M6.5 7l1 13h9l1-13M9.5 7V4h5v3" />
    </Svg>
  );
}
