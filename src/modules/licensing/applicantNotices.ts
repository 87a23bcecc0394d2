// Notices to an applicant (办件通知) at the phone or e-mail given with the application,
// through the configured senders (reminders.ts: NOTIFY_SENDERS, console by default):
//   received      on submission: the tracking code (查询码) and each item's state (a
//                 complete filing is recorded on submission), one message for a bundle;
//   correction    the one complete correction notice (一次性告知), its full text;
//   accepted      acceptance (容缺受理 with the materials owed and their date) and the
//                 promised date;
//   not_accepted  refusal to accept, with the reason;
//   decided       the decision: approval (the licence number) or filing, refusal with the
//                 reasons and the remedies, withdrawal.
// A notice is sent after the step's transaction has committed, so a sender that fails
// never undoes the step: the attempt is recorded as failed with its error, and the staff
// see it on the application (GET …/applications/:id returns the notices).
import type { Database, Queryable } from '../../platform/db';
import type { NotificationSender } from './reminders';
import { recipientFor } from './reminders';

export const NOTICE_KINDS = ['received', 'correction', 'accepted', 'not_accepted', 'decided'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_NAMES: Record<NoticeKind, string> = {
  received: '收件及查询码', correction: '一次性告知补正', accepted: '受理', not_accepted: '不予受理', decided: '办理结果',
};

/** The notice a step gives the applicant, if any. */
export const NOTICE_OF_STEP: Record<string, NoticeKind | undefined> = {
  request_correction: 'correction', accept: 'accepted', accept_with_deficiency: 'accepted', not_accept: 'not_accepted',
  approve: 'decided', refuse: 'decided', record_filing: 'decided', withdraw: 'decided',
};

interface NoticeRow {
  id: number; application_no: string; tracking_code: string; applicant_name: string; contact_phone: string | null; contact_email: string | null;
  item_name: string; org_name: string; state: string; outcome: string | null; due_on: string | null; correction_notice: string | null;
  not_accepted_reason: string | null; decision_reason: string | null; remedies: string | null; deficiency_items: { name: string; dueOn: string }[];
  item_kind: string; licence_no: string | null; bundle_no: string | null;
}

const NOTICE_SELECT = `
  SELECT a.id, a.application_no, a.tracking_code, a.applicant_name, a.contact_phone, a.contact_email, ci.name AS item_name, o.name AS org_name,
         a.state, a.outcome, a.due_on, a.correction_notice, a.not_accepted_reason, a.decision_reason, a.remedies, a.deficiency_items,
         ci.kind AS item_kind, l.licence_no, a.bundle_no
    FROM licence_applications a JOIN catalogue_items ci ON ci.id = a.item_id JOIN organizations o ON o.id = a.org_id
    LEFT JOIN licences l ON l.application_id = a.id`;

const STATE_WORDS: Record<string, string> = {
  submitted: '已收件，待受理', correction_requested: '需补正', accepted: '已受理', not_accepted: '不予受理', approved: '已办结', refused: '不予许可', withdrawn: '已撤回',
};

/** Staff text as a sentence: ends with one full stop. */
const sentence = (text: string | null) => (text ? `${text.trim().replace(/[。；;.\s]+$/u, '')}。` : '');

/** What the applicant reads; the tracking code is named in every notice so they can look the application up. */
export function noticeMessage(kind: NoticeKind, apps: NoticeRow[]): string {
  const a = apps[0];
  const head = `【${a.org_name}】${a.applicant_name}：`;
  const tail = `凭查询码${a.tracking_code}可在网上“办件查询”查看进度。`;
  switch (kind) {
    case 'received': {
      const states = apps.map((x) => `${x.item_name}（${x.application_no}）${x.item_kind === 'filing' && x.state === 'approved' ? '已予以备案' : STATE_WORDS[x.state]}`);
      return `${head}您的申请已收到：${states.join('；')}。查询码${a.tracking_code}，请妥善保存，凭查询码可在网上“办件查询”查看进度、补正材料和评价。`;
    }
    case 'correction':
      return `${head}您申请的${a.item_name}（${a.application_no}）材料需要补正，请一次性补正以下全部内容：${sentence(a.correction_notice)}${tail}`;
    case 'accepted': {
      const owed = a.deficiency_items.filter((o) => o.dueOn);
      const owedText = owed.length > 0 ? `容缺受理，请在约定期限内补齐：${owed.map((o) => `${o.name}（${o.dueOn}前）`).join('、')}；` : '';
      return `${head}您申请的${a.item_name}（${a.application_no}）已受理，${owedText}承诺于${a.due_on}前办结。${tail}`;
    }
    case 'not_accepted':
      return `${head}您申请的${a.item_name}（${a.application_no}）不予受理，理由：${sentence(a.not_accepted_reason)}${tail}`;
    case 'decided': {
      const what = `您申请的${a.item_name}（${a.application_no}）`;
      if (a.outcome === 'approved') {
        return a.item_kind === 'filing'
          ? `${head}${what}已予以备案，备案后将依法核查。${tail}`
          : `${head}${what}准予许可${a.licence_no ? `，电子证照编号${a.licence_no}` : ''}。${tail}`;
      }
      if (a.outcome === 'refused') return `${head}${what}不予许可，理由：${sentence(a.decision_reason)}${sentence(a.remedies)}${tail}`;
      return `${head}${what}已撤回办理：${sentence(a.decision_reason)}${tail}`;
    }
  }
}

/**
 * Sends one notice about these applications (one application, or a bundle received
 * together) through every sender that reaches the applicant, and records each attempt on
 * each application. Called after the step's transaction; never throws for a sender.
 */
export async function sendNotice(db: Database, senders: NotificationSender[], kind: NoticeKind, applicationIds: number[]): Promise<void> {
  if (applicationIds.length === 0) return;
  const apps = await db.query<NoticeRow>(`${NOTICE_SELECT} WHERE a.id = ANY($1) ORDER BY a.id`, [applicationIds]);
  if (apps.length === 0) return;
  const message = noticeMessage(kind, apps);
  for (const sender of senders) {
    const to = recipientFor(sender.channel, apps[0]);
    if (!to) continue;
    let error: string | null = null;
    try {
      await sender.send(to, message);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    await db.transaction(async (tx) => {
      for (const a of apps) {
        await tx.query('INSERT INTO application_notices (application_id, kind, channel, recipient, message, status, error) VALUES ($1,$2,$3,$4,$5,$6,$7)',
          [a.id, kind, sender.channel, to, message, error ? 'failed' : 'sent', error]);
      }
    });
  }
}

export interface ApplicationNotice {
  id: number; kind: NoticeKind; kindName: string; channel: string; recipient: string; message: string; status: 'sent' | 'failed'; error: string | null; sentAt: string;
}

/** The notices sent about an application, oldest first. */
export async function noticesOf(db: Queryable, applicationId: number): Promise<ApplicationNotice[]> {
  const rows = await db.query<Omit<ApplicationNotice, 'kindName'>>(
    `SELECT id, kind, channel, recipient, message, status, error, to_char(sent_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS "sentAt"
       FROM application_notices WHERE application_id = $1 ORDER BY sent_at, id`, [applicationId]);
  return rows.map((r) => ({ ...r, kindName: NOTICE_KIND_NAMES[r.kind] }));
}
