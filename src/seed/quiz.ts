// The demo commission's online law quiz (issue 7): a question bank of the city commission
// on the laws its staff and the public meet most (行政处罚法, 行政许可法, 政府信息公开条例,
// 医疗纠纷预防和处理条例, 行政复议法, 行政诉讼法; answers checked against the texts in
// /work/shared/laws), one quiz published for the whole current year, and a few hundred
// attempts taken on the portal since 1 January — most completed and scored as the server
// scores them, some abandoned. The quiz's popularisation activity counts the completed
// attempts as its participants, as submitting one on the portal does.
import crypto from 'node:crypto';
import type { Database } from '../platform/db';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { recordAudit } from '../platform/audit/audit';
import { todayInChina, yearOf } from '../core/calendar/dates';
import { isCorrect, OPTION_KEYS, scoreOf, TRUE_FALSE_OPTIONS, type QuestionKind } from '../modules/quiz/rules';
import { activityNoOf } from '../modules/quiz/quizzes';
import { personName } from './entityGenerator';
import { Rng } from './random';

const SEED_ACTOR = SYSTEM_ACTOR('seed');

const CF = '《中华人民共和国行政处罚法》';
const XK = '《中华人民共和国行政许可法》';
const GK = '《中华人民共和国政府信息公开条例》';
const YJ = '《医疗纠纷预防和处理条例》';
const FY = '《中华人民共和国行政复议法》';
const SS = '《中华人民共和国行政诉讼法》';

/** [kind, 题干, options (choice questions), answer keys, 解析, 依据] */
type Q = [QuestionKind, string, string[], string, string, string];
const T = (text: string, right: boolean, explanation: string, ref: string): Q => ['true_false', text, [], right ? 'A' : 'B', explanation, ref];
const S = (text: string, options: string[], answer: string, explanation: string, ref: string): Q => ['single', text, options, answer, explanation, ref];
const M = (text: string, options: string[], answer: string, explanation: string, ref: string): Q => ['multiple', text, options, answer, explanation, ref];

export const DEMO_QUESTIONS: Q[] = [
  // 行政处罚法
  S('违法行为在（  ）内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。', ['六个月', '一年', '二年', '三年'], 'C',
    '行政处罚的追责时效一般为二年，涉及公民生命健康安全、金融安全且有危害后果的延长至五年，从违法行为发生之日起计算，有连续或者继续状态的从行为终了之日起计算。', `${CF}第三十六条`),
  S('行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于（  ）人，法律另有规定的除外。', ['一', '二', '三', '四'], 'B', '执法人员不得少于两人。', `${CF}第四十二条`),
  S('行政机关应当自行政处罚案件立案之日起（  ）日内作出行政处罚决定，法律、法规、规章另有规定的，从其规定。', ['三十', '六十', '九十', '一百二十'], 'C', '一般程序的办案期限为立案之日起九十日。', `${CF}第六十条`),
  S('当事人要求听证的，应当在行政机关告知后（  ）日内提出。', ['三', '五', '七', '十'], 'B', '听证申请应在告知后五日内提出；行政机关应当在举行听证的七日前通知当事人。', `${CF}第六十四条`),
  S('当事人到期不缴纳罚款的，作出行政处罚决定的行政机关可以每日按罚款数额的（  ）加处罚款，加处罚款的数额不得超出罚款的数额。', ['百分之一', '百分之二', '百分之三', '百分之五'], 'C',
    '加处罚款每日按罚款数额的百分之三计算，总额不得超出罚款数额。', `${CF}第七十二条`),
  S('违法事实确凿并有法定依据，对法人或者其他组织处以（  ）以下罚款或者警告的，可以当场作出行政处罚决定。', ['二百元', '一千元', '三千元', '五千元'], 'C',
    '简易程序：对公民二百元以下、对法人或者其他组织三千元以下罚款或者警告。', `${CF}第五十一条`),
  S('不满（  ）周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教。', ['十二', '十四', '十六', '十八'], 'B', '已满十四周岁不满十八周岁的，应当从轻或者减轻行政处罚。', `${CF}第三十条`),
  S('当事人应当自收到行政处罚决定书之日起（  ）日内，到指定的银行或者通过电子支付系统缴纳罚款。', ['七', '十', '十五', '三十'], 'C', '缴纳罚款的期限为收到决定书之日起十五日。', `${CF}第六十七条`),
  M('下列属于《行政处罚法》规定的行政处罚种类的有（  ）。', ['警告、通报批评', '没收违法所得', '限制从业', '记过'], 'ABC', '记过是对公职人员的政务处分，不是行政处罚。', `${CF}第九条`),
  M('行政机关拟作出下列哪些行政处罚决定时，应当告知当事人有要求听证的权利？（  ）', ['较大数额罚款', '吊销许可证件', '责令停产停业', '警告'], 'ABC', '警告不属于应当告知听证权利的情形。', `${CF}第六十三条`),
  M('有下列哪些情形的，在行政机关负责人作出行政处罚决定之前，应当进行法制审核？（  ）', ['涉及重大公共利益的', '直接关系当事人或者第三人重大权益，经过听证程序的', '案件情况疑难复杂、涉及多个法律关系的', '适用简易程序当场给予警告的'], 'ABC',
    '未经法制审核或者审核未通过的，不得作出决定。', `${CF}第五十八条`),
  T('对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。', true, '即“一事不再罚”；同一违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。', `${CF}第二十九条`),
  T('违法行为轻微并及时改正，没有造成危害后果的，可以从轻给予行政处罚。', false, '此种情形不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚。', `${CF}第三十三条`),
  T('当事人要求听证的，应当承担行政机关组织听证的费用。', false, '当事人不承担行政机关组织听证的费用。', `${CF}第六十三条`),
  T('作出罚款决定的行政机关应当与收缴罚款的机构分离。', true, '罚缴分离：除当场收缴的罚款外，行政机关及其执法人员不得自行收缴罚款。', `${CF}第六十七条`),
  T('公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。', true, '具有一定社会影响的行政处罚决定应当依法公开。', `${CF}第四十八条`),
  // 行政许可法
  S('申请材料不齐全或者不符合法定形式的，行政机关应当当场或者在（  ）日内一次告知申请人需要补正的全部内容。', ['三', '五', '七', '十'], 'B', '逾期不告知的，自收到申请材料之日起即为受理。', `${XK}第三十二条`),
  S('除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起（  ）日内作出行政许可决定。', ['十', '十五', '二十', '三十'], 'C', '一般期限二十日，经本行政机关负责人批准可以延长十日。', `${XK}第四十二条`),
  S('行政机关二十日内不能作出行政许可决定的，经本行政机关负责人批准，可以延长（  ）日，并应当将延长期限的理由告知申请人。', ['五', '十', '十五', '二十'], 'B', '延长十日，并告知申请人理由。', `${XK}第四十二条`),
  S('被许可人需要延续依法取得的行政许可的有效期的，应当在该行政许可有效期届满（  ）日前向作出行政许可决定的行政机关提出申请。', ['十', '二十', '三十', '六十'], 'C', '法律、法规、规章另有规定的，依照其规定。', `${XK}第五十条`),
  S('行政机关作出准予行政许可的决定，应当自作出决定之日起（  ）日内向申请人颁发、送达行政许可证件。', ['五', '七', '十', '十五'], 'C', '颁发、送达证件的期限为十日。', `${XK}第四十四条`),
  S('申请人、利害关系人在被告知听证权利之日起五日内提出听证申请的，行政机关应当在（  ）日内组织听证。', ['十', '十五', '二十', '三十'], 'C', '申请人、利害关系人不承担行政机关组织听证的费用。', `${XK}第四十七条`),
  M('被许可人有下列哪些行为的，行政机关应当依法给予行政处罚？（  ）', ['涂改、倒卖、出租、出借行政许可证件', '超越行政许可范围进行活动', '向负责监督检查的行政机关隐瞒有关情况、提供虚假材料', '在有效期届满三十日前申请延续'], 'ABC',
    '按期申请延续是被许可人的权利，不是违法行为。', `${XK}第八十条`),
  T('申请材料不齐全，行政机关逾期不告知申请人补正的，自收到申请材料之日起即为受理。', true, '这是对“一次告知”义务的约束。', `${XK}第三十二条`),
  T('行政机关应当在行政许可有效期届满前作出是否准予延续的决定；逾期未作决定的，视为准予延续。', true, '逾期未作决定视为准予延续。', `${XK}第五十条`),
  T('行政机关提供行政许可申请书格式文本，可以收取工本费。', false, '行政机关提供行政许可申请书格式文本，不得收费。', `${XK}第五十八条`),
  // 政府信息公开条例
  S('行政机关不能当场答复政府信息公开申请的，应当自收到申请之日起（  ）个工作日内予以答复。', ['10', '15', '20', '30'], 'C', '需要延长的，经政府信息公开工作机构负责人同意并告知申请人，最长延长20个工作日。', `${GK}第三十三条`),
  S('政府信息公开申请需要延长答复期限的，延长的期限最长不得超过（  ）个工作日。', ['10', '15', '20', '30'], 'C', '延长须经政府信息公开工作机构负责人同意并告知申请人。', `${GK}第三十三条`),
  S('属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起（  ）个工作日内及时公开。', ['7', '15', '20', '30'], 'C', '法律、法规对公开期限另有规定的，从其规定。', `${GK}第二十六条`),
  S('政府信息公开申请内容不明确的，行政机关应当自收到申请之日起（  ）个工作日内一次性告知申请人作出补正。', ['3', '5', '7', '10'], 'C', '答复期限自行政机关收到补正的申请之日起计算。', `${GK}第三十条`),
  S('县级以上人民政府部门应当在每年（  ）前提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。', ['1月31日', '3月31日', '6月30日', '12月31日'], 'A',
    '县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前公布本级政府的年度报告。', `${GK}第四十九条`),
  M('下列属于行政机关应当主动公开的政府信息的有（  ）。', ['办理行政许可的依据、条件、程序以及办理结果', '实施行政处罚的依据、条件、程序以及具有一定社会影响的行政处罚决定', '公共卫生的监督检查情况', '行政事业性收费项目及其依据、标准'], 'ABCD',
    '四项均列于主动公开的范围。', `${GK}第二十条`),
  T('行政机关依申请提供政府信息，在任何情况下都不得收取费用。', false, '申请公开的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。', `${GK}第四十二条`),
  T('行政机关征求第三方和其他机关意见所需时间，不计算在政府信息公开申请的答复期限内。', true, '征求意见的时间不计入答复期限。', `${GK}第三十三条`),
  // 医疗纠纷预防和处理条例
  S('因紧急抢救未能及时填写病历的，医务人员应当在抢救结束后（  ）小时内据实补记，并加以注明。', ['2', '6', '12', '24'], 'B', '任何单位和个人不得篡改、伪造、隐匿、毁灭或者抢夺病历资料。', `${YJ}第十五条`),
  S('患者死亡，医患双方对死因有异议的，应当在患者死亡后（  ）小时内进行尸检；具备尸体冻存条件的，可以延长至7日。', ['12', '24', '48', '72'], 'C', '尸检应当经死者近亲属同意并签字。', `${YJ}第二十六条`),
  S('医患双方选择协商解决医疗纠纷、人数较多的，应当推举代表进行协商，每方代表人数不超过（  ）人。', ['3', '5', '7', '10'], 'B', '协商应当在专门场所进行，不得影响正常医疗秩序。', `${YJ}第三十条`),
  M('发生医疗纠纷，医患双方可以通过下列哪些途径解决？（  ）', ['双方自愿协商', '申请人民调解', '申请行政调解', '向人民法院提起诉讼'], 'ABCD', '四种途径均可，法律、法规规定的其他途径亦可。', `${YJ}第二十二条`),
  T('发生医疗纠纷需要封存、启封病历资料的，应当在医患双方在场的情况下进行。', true, '封存的病历资料可以是原件，也可以是复制件，由医疗机构保管。', `${YJ}第二十四条`),
  T('患者在病历资料封存满1年未再提出解决医疗纠纷要求的，医疗机构可以自行启封。', false, '应为封存满3年。', `${YJ}第二十四条`),
  // 行政复议法、行政诉讼法
  S('认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起（  ）日内提出行政复议申请，法律规定的申请期限超过的除外。', ['十五', '三十', '六十', '九十'], 'C', '行政复议的申请期限一般为六十日。', `${FY}第二十条`),
  S('公民、法人或者其他组织直接向人民法院提起行政诉讼的，应当自知道或者应当知道作出行政行为之日起（  ）内提出，法律另有规定的除外。', ['三个月', '六个月', '一年', '二年'], 'B', '起诉期限一般为六个月。', `${SS}第四十六条`),
  T('被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托行政机关相应的工作人员出庭。', true, '行政机关负责人出庭应诉是法定义务。', `${SS}第三条`),
];

/** Attempts taken on the portal since the quiz opened; about one in twelve was left unfinished. */
const DEMO_ATTEMPTS = 320;
const QUESTIONS_PER_ATTEMPT = 10;
const TIME_LIMIT_MINUTES = 15;
const PASS_SCORE = 60;

/** A wrong choice for a question: another option, a different set, or the other truth value. */
function wrongChoice(r: Rng, kind: QuestionKind, optionCount: number, answer: string[]): string[] {
  const keys = OPTION_KEYS.slice(0, kind === 'true_false' ? 2 : optionCount);
  if (kind !== 'multiple') return [r.pick(keys.filter((k) => !answer.includes(k)))];
  const missing = keys.filter((k) => !answer.includes(k));
  if (missing.length && r.next() < 0.5) return [...answer, r.pick(missing)].sort();
  const dropped = r.pick(answer);
  return answer.filter((k) => k !== dropped);
}

export async function seedQuiz(db: Database): Promise<void> {
  const r = new Rng(2026_07);
  const today = todayInChina();
  const year = yearOf(today);
  const opensOn = `${year}-01-01`;
  await db.transaction(async (tx) => {
    const org = await tx.one<{ id: number }>(`SELECT id FROM organizations WHERE code = 'JX-WJW'`);
    if (!org) return;
    const questions: { id: number; kind: QuestionKind; options: number; answer: string[] }[] = [];
    for (const [kind, text, options, answer, explanation, lawRef] of DEMO_QUESTIONS) {
      const opts = kind === 'true_false' ? TRUE_FALSE_OPTIONS : options.map((t, i) => ({ key: OPTION_KEYS[i], text: t }));
      const keys = [...answer].sort();
      const row = await tx.one<{ id: number }>(
        `INSERT INTO quiz_questions (org_id, text, kind, options, answer, explanation, law_ref) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [org.id, text, kind, JSON.stringify(opts), keys, explanation, lawRef]);
      questions.push({ id: row!.id, kind, options: opts.length, answer: keys });
    }

    const quiz = await tx.one<{ id: number }>(
      `INSERT INTO law_quizzes (org_id, title, description, opens_on, closes_on, question_count, time_limit_minutes, pass_score, status, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $4::date) RETURNING id`,
      [org.id, `${year}年嘉兴市“尊法学法守法用法”网上学法知识竞赛`,
        `为深入学习贯彻习近平法治思想，落实“谁执法谁普法”普法责任制，嘉兴市卫生健康委员会面向社会公众和卫生健康系统干部职工举办本次网上学法知识竞赛。每次从题库中随机抽取${QUESTIONS_PER_ATTEMPT}道题，限时${TIME_LIMIT_MINUTES}分钟，满分100分，${PASS_SCORE}分及格。`,
        opensOn, `${year}-12-31`, QUESTIONS_PER_ATTEMPT, TIME_LIMIT_MINUTES, PASS_SCORE]);

    // The attempts, spread from 1 January to an hour ago (China time = UTC+8).
    const from = Date.parse(`${opensOn}T00:00:00+08:00`);
    const until = Math.max(from + 3_600_000, Date.now() - 3_600_000);
    const rows = { token: [] as string[], name: [] as (string | null)[], phone: [] as (string | null)[], ids: [] as string[], started: [] as string[],
      deadline: [] as string[], submitted: [] as (string | null)[], answers: [] as (string | null)[], correct: [] as (number | null)[], score: [] as (number | null)[] };
    let completed = 0;
    for (let i = 0; i < DEMO_ATTEMPTS; i++) {
      const drawn = [...questions].map((q) => ({ q, k: r.next() })).sort((a, b) => a.k - b.k).slice(0, QUESTIONS_PER_ATTEMPT).map((x) => x.q);
      const started = from + Math.floor(r.next() * (until - from));
      const finished = r.next() >= 1 / 12;
      const skill = 0.45 + r.next() * 0.53;
      const answers: Record<string, string[]> = {};
      for (const q of drawn) answers[String(q.id)] = r.next() < skill ? q.answer : wrongChoice(r, q.kind, q.options, q.answer);
      const correct = drawn.filter((q) => isCorrect(q.answer, answers[String(q.id)])).length;
      rows.token.push(crypto.randomBytes(24).toString('base64url'));
      const named = r.next() < 0.6;
      rows.name.push(named ? personName(r) : null);
      rows.phone.push(named && r.next() < 0.5 ? `1${r.pick(['3', '5', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}` : null);
      rows.ids.push(JSON.stringify(drawn.map((q) => q.id)));
      rows.started.push(new Date(started).toISOString());
      rows.deadline.push(new Date(started + TIME_LIMIT_MINUTES * 60_000).toISOString());
      rows.submitted.push(finished ? new Date(started + r.int(150, TIME_LIMIT_MINUTES * 60 - 20) * 1000).toISOString() : null);
      rows.answers.push(finished ? JSON.stringify(answers) : null);
      rows.correct.push(finished ? correct : null);
      rows.score.push(finished ? scoreOf(correct, drawn.length) : null);
      if (finished) completed++;
    }
    await tx.query(
      `INSERT INTO quiz_attempts (quiz_id, token, participant_name, participant_phone, question_ids, started_at, deadline_at, submitted_at, answers, correct_count, score)
       SELECT $1, t.token, t.name, t.phone, t.ids::jsonb, t.started, t.deadline, t.submitted, t.answers::jsonb, t.correct, t.score
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::text[], $10::int[], $11::int[])
           AS t(token, name, phone, ids, started, deadline, submitted, answers, correct, score)`,
      [quiz!.id, rows.token, rows.name, rows.phone, rows.ids, rows.started, rows.deadline, rows.submitted, rows.answers, rows.correct, rows.score]);

    // Published: registered as a popularisation activity whose participants are the completed attempts.
    const activity = await tx.one<{ id: number }>(
      `INSERT INTO popularization_activities (activity_no, org_id, held_on, kind, title, participants, source)
       SELECT $1, org_id, opens_on, 'quiz', title, $3, 'platform' FROM law_quizzes WHERE id = $2 RETURNING id`,
      [activityNoOf(quiz!.id), quiz!.id, completed]);
    await tx.query(`UPDATE law_quizzes SET status = 'published', activity_id = $2 WHERE id = $1`, [quiz!.id, activity!.id]);
    await recordAudit(tx, SEED_ACTOR, { action: 'seed.quiz', objectType: 'law_quiz', objectId: quiz!.id, after: { questions: questions.length, attempts: DEMO_ATTEMPTS, completed } });
  });
}
