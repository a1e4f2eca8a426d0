// 数据上报 (a box with an arrow up) and 区级汇总 (stacked layers), drawn like components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconExchange(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M4 13v6a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-6" />
      <path d="M12 15V4" />
      <path d="M8 8l4-4 4 4" />
    </Svg>
  );
}

export function IconDistrict(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M12 3l9 5-9 5-9-5 9-5z" />
      <path d="M3 13l9 5 9-5" />
      <path d="M3 17.5l9 5 9-5" />
    </Svg>
  );
}
