// Vocabulary of the demo street's 共驻共建 service work: agreement duties and 承诺事项 by "四联" area, service posts by
// category with the 专业特长 they need, volunteer teams, activity titles by category (and by season), evaluation
// comments. Words follow the source documents (四联共建, 共驻共建, 三个双向, 党员志愿者服务队, 学习雷锋活动日…).
import type { ActivityCategory, AgreementArea, EvaluationGrade, PostCategory, UnitType } from '../../shared/enums';

/** 甲方 (community or street) duties printed on every agreement. */
export const DUTIES_A = [
  '为乙方在职党员到社区报到、认领服务岗位提供便利，建立在职党员参加社区活动情况登记',
  '每半年向乙方党组织反馈在职党员参加社区活动情况和评价意见',
  '邀请乙方参加共驻共建协调议事小组会议，通报社区建设情况，听取意见建议',
  '组织社区居民参与乙方开展的公益活动，协助乙方做好精神文明创建工作',
];

/** 乙方 (unit) duties every agreement carries. */
export const DUTIES_B = [
  '组织本单位在职党员到社区报到，参加社区组织生活和志愿服务',
  '结合本单位职能和资源优势，按期落实承诺事项',
  '在场地、设施等方面为社区活动提供支持，做到资源共享、优势互补',
  '每季度至少参加一次社区共驻共建协调议事小组会议',
];

/** One more 乙方 duty per "四联" area the agreement covers. */
export const AREA_DUTIES: Record<AgreementArea, string> = {
  party: '联党建：与社区党组织组织生活联过、党员教育联抓、党建活动联办',
  safety: '联平安创建：参与社区治安巡逻、矛盾纠纷排查和平安社区创建',
  petition: '联信访：协助社区做好信访接待、矛盾化解和居民诉求办理',
  health: '联卫生：参与社区环境卫生整治、健康服务和爱国卫生运动',
};

/** 承诺事项 by area; the unit-type list is tried first. */
export const COMMITMENTS: Record<AgreementArea, string[]> = {
  party: [
    '与社区党组织联合开展主题党日活动不少于2次',
    '组织本单位在职党员全部到社区报到并认领服务岗位',
    '单位党组织书记为社区党员讲授专题党课1次',
    '与社区联合开展“七一”党员教育活动',
    '开放本单位党员活动室，供社区党员学习使用',
    '选派1名党务干部担任社区党建工作指导员',
  ],
  safety: [
    '组织党员志愿者参加节假日和重点时段治安巡逻',
    '开展消防安全知识宣传进社区活动2次',
    '协助社区开展防范电信网络诈骗宣传',
    '参与社区安全隐患排查整治，配合做好群防群治',
    '夜间向居民开放单位停车位，缓解社区停车难',
  ],
  petition: [
    '协助社区排查化解矛盾纠纷，做到小事不出社区',
    '每季度派员参加社区信访接待日1次',
    '选派法律顾问为居民提供信访法律咨询',
    '参加社区议事协商会，协调解决居民反映的突出问题',
  ],
  health: [
    '组织义诊和健康讲座进社区不少于2次',
    '组织干部职工参加社区环境卫生整治行动',
    '协助开展垃圾分类宣传和桶前值守',
    '出资改善社区公共卫生设施',
    '参加爱国卫生运动，清理楼道堆物和卫生死角',
  ],
};

export const COMMITMENTS_BY_UNIT_TYPE: Partial<Record<UnitType, Partial<Record<AgreementArea, string[]>>>> = {
  hospital: {
    health: ['每季度组织医护人员进社区义诊1次', '为辖区65岁以上老人开展免费健康体检', '开展应急救护知识培训'],
  },
  school: {
    party: ['寒暑假为社区青少年开设“四点半课堂”', '师生党员到社区开展“小手拉大手”文明实践'],
    health: ['节假日向社区居民开放操场和体育馆'],
  },
  soe: {
    safety: ['开展金融知识和防范非法集资宣传进社区', '为社区老年人讲解防范电信诈骗知识'],
    health: ['每年出资支持社区困难群众帮扶'],
  },
  organ: {
    petition: ['组织业务骨干到社区开展政策法规咨询', '领导干部每半年到社区接待来访群众1次'],
    party: ['机关党员每年到社区参加志愿服务不少于2次'],
  },
  private: { health: ['捐助资金用于社区困难家庭和残疾人帮扶'] },
  social: { party: ['为社区志愿者开展专业培训'], petition: ['派出社工参与社区矛盾调解'] },
  institution: { party: ['举办文化讲座和展览进社区活动'] },
};

/** Evidence of a commitment done ({n} times, {m} residents, {p} members). */
export const EVIDENCE_DONE = [
  '已完成，共开展{n}次，服务居民约{m}人次，签到表和照片已存档',
  '已落实，社区出具确认意见',
  '已完成，活动记录和宣传报道已归档',
  '已按期完成，参加党员{p}人',
  '已完成，社区协调议事小组会议通报',
];
export const EVIDENCE_IN_PROGRESS = ['已开展1次，其余按计划推进', '正在落实，已与社区对接', null, null];
export const EVIDENCE_UNFULFILLED = [
  '因单位人员调整未能按期落实',
  '受场地条件限制未能开展，已向社区说明',
  '未按期落实，已在协调议事小组会议上通报',
];

export interface PostTemplate {
  name: string;
  category: PostCategory;
  skills: string[];
  description: string;
}

/** 服务岗位 a community sets up, with the 专业特长 (names.ts SKILLS) they need. */
export const POSTS: PostTemplate[] = [
  {
    name: '政策宣讲岗',
    category: 'organization',
    skills: ['政策宣讲', '历史文化讲解'],
    description: '向居民宣讲党的方针政策和惠民政策',
  },
  {
    name: '党员教育辅导岗',
    category: 'organization',
    skills: ['政策宣讲', '教育辅导'],
    description: '协助社区党组织开展党员学习和“三会一课”',
  },
  {
    name: '网络宣传岗',
    category: 'organization',
    skills: ['网络宣传', '摄影'],
    description: '维护社区公众号和居民群，宣传社区活动',
  },
  {
    name: '法律咨询岗',
    category: 'legal',
    skills: ['法律咨询'],
    description: '每月在社区党群服务中心坐班，为居民提供法律咨询',
  },
  {
    name: '矛盾调解岗',
    category: 'legal',
    skills: ['调解纠纷', '法律咨询'],
    description: '参与邻里纠纷、物业纠纷的调解',
  },
  {
    name: '理财咨询岗',
    category: 'legal',
    skills: ['理财咨询', '财务会计'],
    description: '为居民提供理财常识和防范非法集资咨询',
  },
  {
    name: '助老服务岗',
    category: 'assistance',
    skills: ['助老服务'],
    description: '定期探访空巢、高龄老人，协助助餐助医',
  },
  {
    name: '困难家庭帮扶岗',
    category: 'assistance',
    skills: ['助老服务', '心理疏导'],
    description: '结对帮扶低保、残疾人等困难家庭',
  },
  {
    name: '就业指导岗',
    category: 'assistance',
    skills: ['教育辅导', '电脑维修'],
    description: '为失业居民和残疾人提供就业信息和技能指导',
  },
  {
    name: '便民维修岗',
    category: 'assistance',
    skills: ['水电维修', '家电维修', '电脑维修'],
    description: '为老年人和困难家庭义务维修',
  },
  {
    name: '议事协商岗',
    category: 'governance',
    skills: ['调解纠纷', '政策宣讲'],
    description: '参加社区议事协商会，收集居民意见',
  },
  { name: '环境整治岗', category: 'governance', skills: ['环境保护'], description: '参加楼院环境整治和绿化养护' },
  {
    name: '垃圾分类指导岗',
    category: 'governance',
    skills: ['垃圾分类指导', '环境保护'],
    description: '桶前值守，指导居民垃圾分类',
  },
  { name: '文明引导岗', category: 'governance', skills: ['文明引导'], description: '在路口和公共场所开展文明引导' },
  { name: '健康咨询岗', category: 'health', skills: ['医疗保健'], description: '为居民提供健康咨询、测量血压血糖' },
  {
    name: '应急救护岗',
    category: 'health',
    skills: ['应急救护', '医疗保健'],
    description: '开展心肺复苏等应急救护培训',
  },
  { name: '心理疏导岗', category: 'health', skills: ['心理疏导'], description: '为有需要的居民提供心理疏导' },
  { name: '文艺辅导岗', category: 'culture', skills: ['文艺演出'], description: '辅导社区文艺队排练和演出' },
  { name: '书画教学岗', category: 'culture', skills: ['书法', '绘画'], description: '在社区市民学校教授书法绘画' },
  { name: '全民健身指导岗', category: 'culture', skills: ['体育健身'], description: '组织居民健身，指导科学锻炼' },
  {
    name: '四点半课堂辅导岗',
    category: 'culture',
    skills: ['教育辅导', '外语翻译'],
    description: '为放学后的中小学生辅导功课',
  },
  { name: '治安巡逻岗', category: 'safety', skills: ['治安巡逻'], description: '节假日和重点时段参加楼院治安巡逻' },
  {
    name: '消防安全宣传岗',
    category: 'safety',
    skills: ['应急救护', '政策宣讲'],
    description: '入户宣传消防和燃气安全知识',
  },
  {
    name: '防范电信诈骗宣传岗',
    category: 'safety',
    skills: ['理财咨询', '网络宣传'],
    description: '向老年人宣传防范电信网络诈骗知识',
  },
  { name: '摄影记录岗', category: 'other', skills: ['摄影'], description: '为社区活动拍照存档' },
  { name: '外语翻译岗', category: 'other', skills: ['外语翻译'], description: '为辖区外籍居民和涉外活动提供翻译' },
  { name: '爱心车队岗', category: 'other', skills: ['驾驶'], description: '为行动不便的老人就医出行提供接送' },
];

export const CLAIM_NOTES = {
  withdrawn: ['工作调动，申请退出岗位', '因工作繁忙申请退出', '已搬离本社区'],
  rejected: ['专业特长与岗位要求不符，已推荐认领其他岗位', '岗位人数已满，已列入候补'],
};

export interface TeamTemplate {
  name: string;
  theme: string;
  categories: ActivityCategory[];
}

/** Community teams are named "<place>社区" + name. */
export const TEAMS: TeamTemplate[] = [
  { name: '党员先锋志愿服务队', theme: '党员先锋示范', categories: ['volunteer', 'party_education'] },
  { name: '红袖标治安巡逻志愿服务队', theme: '平安创建', categories: ['peace', 'safety'] },
  { name: '银龄助老志愿服务队', theme: '助老服务', categories: ['poverty', 'volunteer'] },
  { name: '夕阳红文艺志愿服务队', theme: '文体活动', categories: ['culture'] },
  { name: '绿色家园环保志愿服务队', theme: '环境卫生', categories: ['environment'] },
  { name: '邻里守望志愿服务队', theme: '邻里互助', categories: ['volunteer', 'peace'] },
  { name: '法律援助志愿服务队', theme: '法治宣传', categories: ['law', 'petition'] },
  { name: '健康守护志愿服务队', theme: '医疗保健', categories: ['health'] },
  { name: '巾帼党员志愿服务队', theme: '巾帼建功', categories: ['volunteer', 'poverty'] },
  { name: '党员文明志愿服务队', theme: '文明引导', categories: ['volunteer', 'environment'] },
  { name: '青春助学志愿服务队', theme: '教育辅导', categories: ['education'] },
];

/** Street-wide teams are named street name + name. */
export const STREET_TEAMS: TeamTemplate[] = [
  { name: '在职党员志愿服务总队', theme: '共驻共建', categories: ['volunteer', 'party_education', 'environment'] },
  { name: '“学雷锋”志愿服务队', theme: '学雷锋志愿服务', categories: ['volunteer', 'poverty', 'tech'] },
];

// prettier-ignore
export const ACTIVITY_TITLES: Record<ActivityCategory, string[]> = {
  tech: ['科技进社区：老年人智能手机使用培训', '科普知识进社区宣传', '“数字生活”智能设备体验课', '家电义务维修服务', '网上办事操作辅导'],
  culture: ['“邻里一家亲”社区文艺汇演', '社区书画作品展', '社区广场舞展演', '“红色经典”歌曲大家唱', '社区趣味运动会', '社区读书分享会'],
  education: ['“四点半课堂”课业辅导', '家庭教育讲座', '社区市民学校开课', '“小手拉大手”文明实践', '青少年读书会'],
  health: ['“健康进社区”义诊活动', '慢性病防治健康讲座', '老年人免费测血压血糖', '应急救护知识培训', '心理健康咨询'],
  law: ['“法律进社区”咨询服务', '民法典宣传讲座', '老年人防诈骗法律讲座', '普法知识有奖问答', '反家庭暴力法律宣传'],
  safety: ['消防安全知识宣传', '燃气安全入户宣传', '电动自行车安全充电宣传', '居家安全隐患排查', '防范电信网络诈骗宣传'],
  poverty: ['困难家庭走访慰问', '“微心愿”认领活动', '爱心捐赠衣物', '残疾人就业帮扶对接', '空巢老人结对帮扶走访'],
  peace: ['党员志愿者治安巡逻', '“平安社区”创建宣传', '重点时段楼院巡查', '平安建设入户宣传', '邻里守望巡逻'],
  petition: ['社区信访接待日', '矛盾纠纷排查化解', '居民议事协商会', '居民诉求回访', '楼门院长座谈会'],
  environment: ['社区环境卫生大扫除', '垃圾分类桶前值守', '清理楼道堆物', '“美丽家园”环境整治', '绿化带补植养护'],
  party_education: ['主题党日：重温入党誓词', '专题党课', '在职党员报到交流会', '“三会一课”专题学习', '红色教育基地参观学习'],
  volunteer: ['“学雷锋”志愿服务', '便民服务集市', '助老送餐志愿服务', '文明引导志愿服务', '共驻共建志愿服务日'],
  other: ['共驻共建联谊活动', '社区资源对接会', '居民满意度入户调查'],
};

/** Titles that belong to a month (1–12). */
export const SEASONAL_TITLES: Record<number, [string, ActivityCategory][]> = {
  1: [
    ['迎新春写春联送福字', 'culture'],
    ['党员冬训集中学习', 'party_education'],
    ['春节前困难党员走访慰问', 'poverty'],
  ],
  2: [
    ['元宵节猜灯谜', 'culture'],
    ['党员冬训集中学习', 'party_education'],
    ['春节期间治安巡逻', 'peace'],
  ],
  3: [
    ['学习雷锋活动日志愿服务', 'volunteer'],
    ['“三八”妇女节巾帼志愿活动', 'volunteer'],
    ['春季义务植树', 'environment'],
  ],
  4: [
    ['清明节缅怀革命先烈', 'party_education'],
    ['爱国卫生月环境整治', 'environment'],
    ['全民国家安全教育日宣传', 'law'],
  ],
  5: [
    ['“五四”青年党员志愿服务', 'volunteer'],
    ['防灾减灾日应急演练', 'safety'],
    ['全国助残日走访慰问', 'poverty'],
  ],
  6: [
    ['端午节包粽子邻里活动', 'culture'],
    ['安全生产月宣传', 'safety'],
    ['防汛应急演练', 'safety'],
  ],
  7: [
    ['“七一”党员教育活动', 'party_education'],
    ['庆祝建党节红歌会', 'culture'],
    ['暑期青少年安全教育', 'education'],
  ],
  8: [
    ['“八一”走访慰问退役军人', 'poverty'],
    ['暑期“四点半课堂”', 'education'],
    ['夏季防暑降温送清凉', 'volunteer'],
  ],
  9: [
    ['中秋节邻里联欢会', 'culture'],
    ['教师节慰问辖区教师', 'education'],
    ['全民国防教育日宣传', 'party_education'],
  ],
  10: [
    ['国庆节升国旗仪式', 'party_education'],
    ['重阳节敬老文艺演出', 'culture'],
    ['重阳节为高龄老人送温暖', 'poverty'],
  ],
  11: [
    ['消防宣传月入户宣传', 'safety'],
    ['冬季供暖安全宣传', 'safety'],
    ['党员冬训动员会', 'party_education'],
  ],
  12: [
    ['国家宪法日普法宣传', 'law'],
    ['冬季清扫积雪志愿服务', 'volunteer'],
    ['年终困难家庭慰问', 'poverty'],
  ],
};

/** What units of each kind usually organise (activity categories). */
export const UNIT_ACTIVITY_CATEGORIES: Record<UnitType, ActivityCategory[]> = {
  organ: ['law', 'party_education', 'petition'],
  institution: ['culture', 'education', 'tech'],
  soe: ['safety', 'tech', 'poverty'],
  private: ['poverty', 'tech', 'volunteer'],
  social: ['volunteer', 'poverty', 'education'],
  school: ['education', 'culture'],
  hospital: ['health'],
  other: ['environment', 'volunteer'],
};

export const EVALUATION_COMMENTS: Record<EvaluationGrade, string[]> = {
  excellent: [
    '本期参加社区活动{n}次，累计服务{h}小时，积极认领服务岗位，表现突出',
    '本期参加社区活动{n}次、服务{h}小时，发挥专业特长服务居民，群众评价好',
  ],
  qualified: [
    '本期参加社区活动{n}次、服务{h}小时，能按要求参加社区活动',
    '本期参加社区活动{n}次、服务{h}小时，履行在职党员进社区义务',
  ],
  basic: ['本期参加社区活动{n}次，参与次数偏少，希望今后积极参加', '本期参加社区活动{n}次，服务岗位履职不够经常'],
  unqualified: ['本期未参加社区活动，经联系未作说明', '本期未参加社区活动，未履行服务岗位职责'],
};

/** Replaces {key} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
