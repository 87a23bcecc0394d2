// Material files for the demo's open licensing applications (today's work at the window,
// seeded by ./licensing.ts), so the window's application page and the portal's tracking
// page show files to open on first start: for an online application the applicant's own
// upload (a PDF of the first material provided, a phone photo (PNG) of the second) and,
// on every other one, a scan the window added; for a window application the window's scan.
// Only materials already provided get a file, so no application changes state or owes
// less than before. The files are made here (a one-page PDF naming the material, a small
// PNG) and go through addApplicationFile, the function the upload routes use: storage
// key, SM3 digest, record hash and audit entry are the real ones. An application that
// already has files is left alone, so running this again adds nothing.
import { Readable } from 'node:stream';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Database } from '../platform/db';
import { SYSTEM_ACTOR, type AuthUser } from '../platform/access/user';
import { receiveFile } from '../modules/evidence/service';
import { addApplicationFile, checkReceived, fileTypeOf, type FileTarget } from '../modules/licensing/applicationFiles';
import type { AppMaterial } from '../modules/licensing/applications';
import { demoUser } from './matters';

const SEED_ACTOR = SYSTEM_ACTOR('seed');
/** At most this many applications get files: a handful shows the feature, more only slows the seed. */
const APPLICATIONS = 8;

// ---------------------------------------------------------------------------------
// A minimal PDF: one A4 page of text in STSong-Light, one of the CJK fonts every PDF
// reader must supply itself (PDF 1.7, 9.7.5.2), so nothing is embedded and the file
// stays about 1.5 KB. Text is written as UCS-2 (UniGB-UCS2-H), hence hex strings; CIDs
// 1–95 are the half-width Latin letters and digits (application numbers), hence /W.

const ucs2Hex = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase();

/** A valid one-page PDF whose lines are drawn in Chinese (first line larger, as a title). */
export function demoPdf(lines: string[]): Buffer {
  const content = lines.map((l, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 72 ${760 - i * 28} Td <${ucs2Hex(l)}> Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 600] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// ---------------------------------------------------------------------------------
// A minimal PNG (RGB, 8 bits): a sheet of paper photographed on a desk, with a heading
// bar, lines of "text" and a red seal, drawn pixel by pixel. `variant` shifts the seal and
// the line lengths so that no two demo photos are the same file.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function demoPng(variant: number, width = 160, height = 120): Buffer {
  const rows: Buffer[] = [];
  const seal = { x: 110 + (variant % 3) * 6, y: 88, r: 13 };
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0: the row as is
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number] = [205, 190, 165]; // the desk
      if (x >= 20 && x < 140 && y >= 8 && y < 112) {
        rgb = [250, 250, 247]; // the sheet
        if (y >= 16 && y < 24 && x >= 40 && x < 120) rgb = [60, 60, 60]; // the heading
        const line = Math.floor((y - 34) / 8); // a line of text every 8 pixels, 2 thick, of varying length
        if (y >= 34 && y < 100 && (y - 34) % 8 < 2 && x >= 30 && x < 130 - ((line * 7 + variant * 3) % 40)) rgb = [150, 150, 150];
        const d = Math.hypot(x - seal.x, y - seal.y);
        if (d <= seal.r && d >= seal.r - 2.5) rgb = [200, 30, 30];
      }
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------

interface OpenApplication {
  id: number; application_no: string; tracking_code: string; applicant_name: string; channel: string; state: string;
  materials: AppMaterial[]; deficiency_items: { suppliedOn?: string | null }[];
}

/** A file name from a material's name: its words before any explanation in brackets, kept short. */
const fileStem = (name: string) => name.replace(/（.*$/, '').slice(0, 30);

/** Received like an upload (streamed into the evidence directory, SM3 taken, type checked), then recorded. */
async function attach(db: Database, evidenceDir: string, target: FileTarget, materialCode: string, fileName: string, bytes: Buffer) {
  const type = fileTypeOf(fileName);
  const incoming = await receiveFile(evidenceDir, Readable.from([bytes]));
  try {
    await checkReceived(incoming, type, fileName);
    await addApplicationFile(db, evidenceDir, target, SEED_ACTOR, { ...incoming, materialCode, fileName, contentType: type.contentType });
  } finally {
    await fs.promises.rm(incoming.tmpPath, { force: true }); // already moved when recorded
  }
}

/** Attaches demo files to the open applications that have none; returns how many files were added. */
export async function seedApplicationFiles(db: Database, evidenceDir: string): Promise<number> {
  const apps = await db.query<OpenApplication>(
    `SELECT a.id, a.application_no, a.tracking_code, a.applicant_name, a.channel, a.state, a.materials, a.deficiency_items
       FROM licence_applications a
      WHERE a.state IN ('submitted', 'correction_requested', 'accepted')
        AND NOT EXISTS (SELECT 1 FROM application_files f WHERE f.application_id = a.id)
      ORDER BY a.id LIMIT $1`, [APPLICATIONS]);
  if (apps.length === 0) return 0;
  let window: AuthUser | null = null;
  const staff = async (a: OpenApplication): Promise<FileTarget> => ({ user: (window ??= await demoUser(db, 'window')), applicationId: a.id });
  let added = 0;
  for (const [i, a] of apps.entries()) {
    const provided = a.materials.filter((m) => m.provision === 'paper');
    if (provided.length === 0) continue;
    // The applicant may upload while the window waits for materials (applicationFiles.ts stateRefusal).
    const applicantMay = a.state !== 'accepted' || a.deficiency_items.some((o) => !o.suppliedOn);
    const byApplicant: FileTarget = { trackingCode: a.tracking_code, applicationNo: a.application_no };
    const pdf = (m: AppMaterial, note: string) => demoPdf([m.name, `申请人：${a.applicant_name}`, `办件编号：${a.application_no}`, note, '（演示数据：系统生成的示例文件，不是真实材料）']);
    const [first, second, third] = provided;
    if (a.channel === 'online' && applicantMay) {
      await attach(db, evidenceDir, byApplicant, first.code, `${fileStem(first.name)}.pdf`, pdf(first, '申请人网上提交的电子文件'));
      added++;
      if (second) {
        await attach(db, evidenceDir, byApplicant, second.code, `${fileStem(second.name)}（照片）.png`, demoPng(i));
        added++;
      }
      if (third && i % 2 === 0) {
        await attach(db, evidenceDir, await staff(a), third.code, `${fileStem(third.name)}（窗口扫描件）.pdf`, pdf(third, '窗口核对原件后扫描'));
        added++;
      }
    } else {
      await attach(db, evidenceDir, await staff(a), first.code, `${fileStem(first.name)}（窗口扫描件）.pdf`, pdf(first, '窗口核对原件后扫描'));
      added++;
    }
  }
  return added;
}
