// Nav icons of 共建协议 (a signed sheet), 服务岗位 (a badge on a lanyard) and 志愿服务队 (three people), drawn like
// components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconAgreements(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M15 3v4h4" />
      <path d="M9 11h7M9 14.5h4" />
      <path d="M9 18.5c1-1.2 1.8-1.2 2.4 0s1.5 1.2 2.6-.3" />
    </Svg>
  );
}

export function IconPosts(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M9 3l3 4 3-4" />
      <rect x="5" y="7" width="14" height="14" rx="2" />
      <circle cx="12" cy="12.5" r="2" />
      <path d="M8.5 18c.8-1.6 2-2.3 3.5-2.3s2.7.7 3.5 2.3" />
    </Svg>
  );
}

export function IconTeams(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="12" cy="7.5" r="2.6" />
      <circle cx="5.5" cy="10" r="2" />
      <circle cx="18.5" cy="10" r="2" />
      <path d="M7.5 19.5c.4-3 2.2-4.8 4.5-4.8s4.1 1.8 4.5 4.8" />
      <path d="M2.5 18c.3-2 1.4-3.2 3-3.4M21.5 18c-.3-2-1.4-3.2-3-3.4" />
    </Svg>
  );
}

export function IconPrinter({ size = 16 }: { size?: number }) {
  return (
    <Svg size={size}>
      <path d="M7 9V3.5h10V9" />
      <rect x="3.5" y="9" width="17" height="8" rx="1.5" />
      <path d="M7 14h10v6.5H7z" />
    </Svg>
  );
}
