// The printable licence (Word): the licence's particulars, the issuing body, and a QR
// code to the public verification page, where anyone can check the SM2 signature and the
// licence's current status.
import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import QRCode from 'qrcode';
import { chineseDate } from '../../platform/documents/officialDocument';
import type { LicenceDetail } from './licences';

const FONT = { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋_GB2312', cs: 'FangSong' };
const TITLE_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '方正小标宋简体', cs: 'SimHei' };
const text = (t: string, size = 30, bold = false) => new TextRun({ text: t, font: FONT, size, bold });

function row(label: string, value: string): TableRow {
  return new TableRow({
    children: [
      new TableCell({ width: { size: 25, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [text(label)] })] }),
      new TableCell({ width: { size: 75, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [text(value || '—')] })] }),
    ],
  });
}

export function verifyUrl(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/portal/verify/licence/${token}`;
}

export async function licenceQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

export async function licenceDocument(l: LicenceDetail, origin: string): Promise<Buffer> {
  const url = verifyUrl(origin, l.verifyToken);
  const qr = await licenceQrPng(url);
  const doc = new Document({
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: l.licenceName, font: TITLE_FONT, size: 44 })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 200 }, children: [text(`编号：${l.licenceNo}`, 28)] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            row('持证单位（人）', l.holderName),
            row('统一社会信用代码', l.holderUscc ?? ''),
            row('地址', l.address),
            row('许可项目（范围）', l.scope),
            row('有效期限', `${chineseDate(l.validFrom)}至${chineseDate(l.validTo)}`),
            row('发证机关', l.orgName),
            row('发证日期', chineseDate(l.issuedOn)),
          ],
        }),
        new Paragraph({ spacing: { before: 300 }, alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: qr, transformation: { width: 150, height: 150 } })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [text('扫码核验：本证照由发证机关以SM2电子签名签发，扫码可核验真伪及当前状态', 21)] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [text(url, 18)] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
