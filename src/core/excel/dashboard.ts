// The tables behind the dashboard's charts as Excel: one worksheet per chart (or the one asked for), each with a title
// row (street, scope, year, chart), the date written, the header, the rows and the 合计 row, numbers as numbers and
// shares as percentages. The rows are dashboardTable()'s, the same the screen shows.
import type { FileOutT } from '../../shared/contract';
import { DASHBOARD_CHARTS, dashboardTable, type DashboardChart } from '../../shared/dashboard-tables';
import { APP_NAME, DASHBOARD } from '../../shared/messages';
import { todayIso } from '../../shared/period';
import { formatDateZh } from '../../shared/validators';
import type { StreetGridDb } from '../db/connection';
import { dashboard } from '../services/stats';
import { currentStreet } from '../services/street';
import { loadExcelJs } from './load';
import { BORDER, tableHeading } from './titled';
import { XLSX_MIME } from './writer';

const X = DASHBOARD.excel;

export async function exportDashboard(
  db: StreetGridDb,
  i: { communityId?: number | undefined; year?: number | undefined; chart?: DashboardChart | undefined },
): Promise<FileOutT> {
  const d = dashboard(db, { communityId: i.communityId, year: i.year });
  const streetName = currentStreet(db)?.name ?? '';
  const scope = d.communityId === null ? X.wholeStreet : (d.communities[0]?.name ?? '');
  const written = X.written(formatDateZh(todayIso()));
  const ExcelJs = await loadExcelJs();
  const wb = new ExcelJs.Workbook();
  wb.creator = APP_NAME;
  wb.created = new Date();
  const charts = i.chart ? [i.chart] : DASHBOARD_CHARTS;
  for (const chart of charts) {
    const t = dashboardTable(d, chart);
    const ws = wb.addWorksheet(t.title.replace(/[:\\/?*[\]]/g, '_').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = t.columns.map((c, k) => ({
      width: k === 0 ? 22 : Math.max(10, c.length * 2 + 2),
      ...(t.percentColumns.includes(k) ? { style: { numFmt: '0.0%' } } : {}),
    }));
    tableHeading(
      ws,
      X.heading(streetName, d.communityId === null ? '' : ` ${scope}`, d.year, t.title),
      `${DASHBOARD.ui.scope}：${scope}    ${DASHBOARD.ui.year}：${d.year}年`,
      written,
      t.columns,
      { titleSize: 15 },
    );
    for (const r of t.rows) ws.addRow(r).eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
    if (t.total) {
      const total = ws.addRow(t.total);
      total.eachCell({ includeEmpty: true }, (c) => {
        c.font = { bold: true };
        c.border = BORDER;
      });
    }
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const name = i.chart ? dashboardTable(d, i.chart).title : DASHBOARD.ui.title;
  return { fileName: X.file(name, scope, d.year), mimeType: XLSX_MIME, base64: buf.toString('base64') };
}
