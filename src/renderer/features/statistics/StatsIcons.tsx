// Nav icons of 统计 (a table with a column chart) and 目标考评 (a podium with a star), drawn like components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconStatistics(p: IconProps) {
  return (
    <Svg {...p}>
      <rect x="3.5" y="3.5" width="17" height="17" rx="1.5" />
      <path d="M3.5 8h17M8.5 8v12.5" />
      <path d="M12 17.5v-4M15 17.5v-6.5M18 17.5v-2.5" />
    </Svg>
  );
}

export function IconScorecard(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M3 20.5h18M9 20.5v-7h6v7M3.5 20.5v-4.5h5.5M15 16h5.5v4.5" />
      <path d="M12 3.5l1.3 2.6 2.9.4-2.1 2 .5 2.9-2.6-1.4-2.6 1.4.5-2.9-2.1-2 2.9-.4z" />
    </Svg>
  );
}
