import { createTheme, type MantineColorsTuple } from '@mantine/core';

export const FONT_STACK = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

// A quiet slate blue: reads as "official" without shouting.
const civic: MantineColorsTuple = [
  '#eef3fa',
  '#dce4f0',
  '#b5c7e1',
  '#8ba8d2',
  '#688dc5',
  '#527cbe',
  '#4573bb',
  '#3662a5',
  '#2d5794',
  '#204a84',
];

export const theme = createTheme({
  fontFamily: FONT_STACK,
  fontFamilyMonospace: "Consolas, 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace",
  headings: { fontFamily: FONT_STACK, fontWeight: '600' },
  colors: { civic },
  primaryColor: 'civic',
  primaryShade: 7,
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    // Render option lists only while open: one element per label for assistive tech and tests.
    Select: { defaultProps: { comboboxProps: { keepMounted: false } } },
    TagsInput: { defaultProps: { comboboxProps: { keepMounted: false } } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 150 } },
    Modal: { defaultProps: { centered: true, radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'xs' } },
    Paper: { defaultProps: { radius: 'md' } },
  },
});
