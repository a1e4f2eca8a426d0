// 备份与恢复: a disk with a circular arrow, drawn like components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconBackup(p: IconProps) {
  return (
    <Svg {...p}>
      <ellipse cx="10" cy="5.5" rx="6.5" ry="2.5" />
      <path d="M3.5 5.5v9c0 1.4 2.9 2.5 6.5 2.5" />
      <path d="M16.5 5.5V9" />
      <path d="M3.5 10c0 1.4 2.9 2.5 6.5 2.5" />
      <path d="M20.5 15.5a4 4 0 1 1-1.2-2.9" />
      <path d="M20.5 11.5v2.2h-2.2" />
    </Svg>
  );
}
