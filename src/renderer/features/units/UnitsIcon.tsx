// Nav icon of 驻区单位 (an office block with a flag), drawn like components/icons.tsx.
import type { SVGProps } from 'react';

export function IconUnits({ size = 18, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d="M5 21V9h14v12" />
      <path d="M3 21h18" />
      <path d="M9 12.5h1.5M13.5 12.5H15M9 16h1.5M13.5 16H15" />
      <path d="M12 9V3.5l4 1.5-4 1.5" />
    </svg>
  );
}
