// Icons of the Excel and file actions (导入 / 导出 / 模板), drawn like components/icons.tsx.
import { Svg, type IconProps } from '../../components/icons';

export function IconUpload(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M12 15V4.5" />
      <path d="m7.5 9 4.5-4.5L16.5 9" />
      <path d="M4.5 15v4.5h15V15" />
    </Svg>
  );
}

export function IconDownload(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M12 4.5V15" />
      <path d="m7.5 10.5 4.5 4.5 4.5-4.5" />
      <path d="M4.5 15v4.5h15V15" />
    </Svg>
  );
}

export function IconFile(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M6 3.5h8l4 4v13H6z" />
      <path d="M14 3.5v4h4" />
      <path d="M9 12.5h6M9 16h6" />
    </Svg>
  );
}

export function IconPrinter(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M7 8V3.5h10V8" />
      <path d="M7 16.5H4.5V8h15v8.5H17" />
      <path d="M7 13h10v7.5H7z" />
    </Svg>
  );
}
