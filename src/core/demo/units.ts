// Resident units (驻区单位) of the demo street: names built the way such organisations are really named, a valid
// 统一社会信用代码 whose authority/type prefix fits the kind of unit, a party organisation, contact and resources.
import type { UnitType } from '../../shared/enums';
import { chineseNumber, makeOfficePhone, makeUscc } from './codes';
import { personName } from './names';
import { type Rng, Weighted } from './random';

export interface UnitContext {
  provinceName: string;
  provinceCode: string;
  cityName: string;
  districtName: string;
  districtCode: string;
  streetName: string;
  /** Place names units take their branch names from (community and street names without 社区/街道). */
  places: string[];
}

export interface UnitDraft {
  name: string;
  type: UnitType;
  uscc: string;
  partyOrgName: string;
  partySecretary: string;
  contactPerson: string;
  contactPhone: string;
  isCouncilMember: boolean;
  resources: { name: string; description: string }[];
  /** Relative size: how many of the street's employed members work there. */
  size: number;
}

/** Well-known units of a few districts, used first so the default demo street looks like the real one. */
const DISTRICT_SPECIALS: Record<string, [string, UnitType][]> = {
  '110101': [
    ['北京协和医院', 'hospital'],
    ['北京医院', 'hospital'],
    ['首都医科大学附属北京同仁医院', 'hospital'],
    ['北京市第二十七中学', 'school'],
    ['北京市第一六六中学', 'school'],
    ['北京市第五中学', 'school'],
    ['北京汇文中学', 'school'],
    ['北京市东城区史家胡同小学', 'school'],
    ['国家税务总局北京市东城区税务局', 'organ'],
    ['北京市东城区人民法院', 'organ'],
    ['北京市东城区人民检察院', 'organ'],
    ['北京市公安局东城分局', 'organ'],
    ['中国美术馆', 'institution'],
    ['北京人民艺术剧院', 'institution'],
    ['北京市东城区第一图书馆', 'institution'],
    ['中国工商银行北京东华门支行', 'soe'],
    ['北京王府井百货（集团）股份有限公司', 'soe'],
    ['北京市新华书店王府井书店', 'soe'],
    ['北京饭店有限公司', 'soe'],
    ['北京东方广场有限公司', 'private'],
  ],
};

// prettier-ignore
const ORGAN_BUREAUS = [
  '民政局', '财政局', '审计局', '统计局', '司法局', '教育委员会', '卫生健康委员会', '住房和城乡建设委员会', '城市管理委员会',
  '生态环境局', '文化和旅游局', '商务局', '发展和改革委员会', '人力资源和社会保障局', '退役军人事务局', '应急管理局',
  '科学技术和信息化局', '园林绿化局', '水务局', '体育局', '医疗保障局', '政务服务管理局', '信访办公室', '市场监督管理局',
  '规划和自然资源委员会分局', '档案局', '机关事务管理局', '人民防空办公室', '民族宗教事务办公室', '城市管理综合执法局',
];
// prettier-ignore
const INSTITUTIONS = [
  '文化馆', '档案馆', '青少年活动中心', '疾病预防控制中心', '房屋土地经营管理中心', '园林绿化服务中心', '环境卫生服务中心',
  '退役军人服务中心', '政务服务中心', '融媒体中心', '老干部活动中心', '残疾人综合服务中心', '就业服务中心', '社会福利院',
  '少年宫', '体育场馆管理中心', '卫生健康监督所', '公共资源交易中心', '科学技术馆', '文物管理所', '第二图书馆', '党员教育中心',
  '社区服务中心', '婚姻登记中心', '住房保障事务中心', '城市管理指挥中心',
];
// prettier-ignore
const RESEARCH = [
  '城市规划设计研究院', '环境保护科学研究院', '劳动保护科学研究所', '市政工程设计研究总院', '建筑设计研究院', '测绘设计研究院',
  '营养源研究所', '食品研究所', '中医药研究所', '社会科学院', '教育科学研究院', '地质研究所', '水利科学研究院', '交通发展研究院',
];
// prettier-ignore
const BANKS = [
  '中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '交通银行', '中国邮政储蓄银行', '中信银行', '中国光大银行', '华夏银行',
];
// prettier-ignore
const INSURERS = [
  '中国人民财产保险股份有限公司', '中国人寿保险股份有限公司', '中国太平洋财产保险股份有限公司', '中国平安财产保险股份有限公司',
];
// prettier-ignore
const CITY_GROUPS = ['市政路桥', '城建', '燃气', '热力', '自来水', '公交', '地铁运营', '供销', '首都旅游', '国有资本运营'];
// prettier-ignore
const BRAND_CHARS = [
  '华', '信', '达', '通', '宏', '远', '博', '瑞', '嘉', '恒', '泰', '鑫', '盛', '鼎', '汇', '智', '创', '联', '科', '新',
  '源', '德', '诚', '安', '康', '明', '辉', '天', '宇', '星', '航', '中', '金', '正', '银', '润', '丰', '海', '弘', '启',
  '卓', '越', '东', '方', '和', '悦', '众', '易', '佳', '美', '优', '京', '都', '尚', '融', '泽', '合', '光', '晟', '睿',
];
// prettier-ignore
const INDUSTRIES = [
  '科技', '信息技术', '文化传媒', '餐饮管理', '商贸', '物业管理', '建筑工程', '企业管理咨询', '教育科技', '健康管理', '广告',
  '网络科技', '会展服务', '旅游', '房地产经纪', '投资管理', '软件', '数据服务', '设计', '电子商务', '酒店管理', '医药',
];
// prettier-ignore
const ASSOCIATIONS = [
  '慈善协会', '志愿者联合会', '老年人协会', '书法家协会', '摄影家协会', '社会工作者协会', '个体劳动者协会', '私营企业协会',
  '物业管理协会', '餐饮行业协会', '楼宇经济促进会', '社区发展促进会', '青年创业促进会', '围棋协会', '京剧票友协会',
];
// prettier-ignore
const SOCIAL_CENTRES = ['社会工作服务中心', '养老服务中心', '社区公益发展中心', '青少年成长服务中心', '家庭综合服务中心', '心理咨询服务中心'];
// prettier-ignore
const VOCATIONS = ['商业', '旅游', '财会', '信息管理', '交通', '电气工程', '烹饪', '艺术'];
// prettier-ignore
const HOSPITALS_DISTRICT = ['中医医院', '妇幼保健院', '口腔医院', '精神卫生保健院', '第一人民医院', '第二人民医院', '第三人民医院'];
// prettier-ignore
const HOSPITALS_CITY = ['口腔医院', '眼科医院', '肿瘤医院', '儿童医院', '中医医院', '结核病医院', '老年病医院', '康复医院'];

/** Beijing-style school numbers: 第二十七中学, but 第一六六中学 (digit by digit from 100 on). */
function schoolOrdinal(n: number): string {
  return n < 100 ? chineseNumber(n) : [...String(n)].map((d) => chineseNumber(Number(d))).join('');
}

/** How a unit's party organisation is usually called. */
function partyOrg(rng: Rng, name: string, type: UnitType, size: number): string {
  switch (type) {
    case 'organ':
      return `中共${name}机关${size > 4 ? '委员会' : '总支部委员会'}`;
    case 'soe':
      if (/支行|分公司|支公司|营业部|营业所|支局|加油站|书店/.test(name)) return `中共${name}支部委员会`;
      return `中共${name}委员会`;
    case 'school':
    case 'hospital':
      return size > 4 ? `中共${name}委员会` : `中共${name}${rng.chance(0.5) ? '总支部委员会' : '支部委员会'}`;
    case 'private':
    case 'other':
      return rng.chance(0.2) ? `中共${name.replace(/有限公司$/, '')}等联合支部委员会` : `中共${name}支部委员会`;
    default:
      return `中共${name}支部委员会`;
  }
}

/** Authority + type of the 统一社会信用代码 (GB 32100 appendix). */
function usccPrefix(name: string, type: UnitType): string {
  switch (type) {
    case 'organ':
      return '11';
    case 'institution':
      return '12';
    case 'school':
    case 'hospital':
      return /有限公司|门诊部/.test(name) ? '91' : '12';
    case 'social':
      return /基金会/.test(name) ? '53' : /中心$/.test(name) ? '52' : '51';
    case 'other':
      return '92';
    default:
      return '91';
  }
}

const RESOURCE_POOL: Record<UnitType, [string, (rng: Rng) => string][]> = {
  organ: [
    ['会议室', (r) => `可容纳 ${r.int(3, 12) * 10} 人，工作日晚间和周末可预约`],
    ['停车位', (r) => `${r.int(5, 40)} 个，节假日向周边居民开放`],
    ['专业服务', () => '每月一次政策法规咨询进社区'],
    ['食堂', () => '为社区高龄老人提供午餐'],
  ],
  institution: [
    ['场地', (r) => `多功能厅 ${r.int(2, 8) * 50} 平方米，可承办社区文化活动`],
    ['会议室', (r) => `可容纳 ${r.int(2, 8) * 10} 人`],
    ['专业服务', () => '文化讲座、展览进社区'],
  ],
  soe: [
    ['会议室', (r) => `可容纳 ${r.int(2, 10) * 10} 人`],
    ['资金', (r) => `每年共建经费 ${r.int(1, 10)} 万元`],
    ['专业服务', () => '金融知识、防范电信诈骗宣传'],
    ['停车位', (r) => `${r.int(5, 30)} 个，夜间向居民开放`],
  ],
  private: [
    ['会议室', (r) => `可容纳 ${r.int(1, 5) * 10} 人`],
    ['资金', (r) => `每年捐助 ${r.int(1, 5)} 万元用于困难群众帮扶`],
    ['专业服务', () => '为社区提供信息化技术支持'],
    ['场地', (r) => `${r.int(1, 6) * 50} 平方米，可用于社区活动`],
  ],
  social: [
    ['专业服务', () => '社工服务、志愿者培训'],
    ['场地', (r) => `活动室 ${r.int(1, 4) * 30} 平方米`],
  ],
  school: [
    ['场地', () => '操场、体育馆周末向社区居民开放'],
    ['会议室', (r) => `礼堂可容纳 ${r.int(2, 6) * 100} 人`],
    ['专业服务', () => '寒暑假社区青少年课业辅导'],
    ['图书阅览室', () => '向社区居民开放借阅'],
  ],
  hospital: [
    ['专业服务', () => '每季度进社区义诊、健康讲座'],
    ['会议室', (r) => `可容纳 ${r.int(3, 10) * 10} 人`],
    ['专业服务', () => '为辖区高龄老人建立家庭医生签约'],
  ],
  other: [['场地', (r) => `${r.int(1, 4) * 20} 平方米，可设便民服务点`]],
};

const COUNCIL_CHANCE: Record<UnitType, number> = {
  organ: 0.45,
  institution: 0.3,
  soe: 0.3,
  private: 0.08,
  social: 0.15,
  school: 0.4,
  hospital: 0.5,
  other: 0.05,
};

/** Typical share of units of each type in a city-centre street. */
const TYPE_WEIGHTS = new Weighted<UnitType>([
  ['organ', 10],
  ['institution', 12],
  ['soe', 14],
  ['private', 38],
  ['social', 9],
  ['school', 10],
  ['hospital', 5],
  ['other', 2],
]);

/** How many employed members a unit of this type tends to have living in the street (relative). */
const SIZE: Record<UnitType, [number, number]> = {
  organ: [3, 10],
  institution: [2, 6],
  soe: [2, 8],
  private: [1, 3],
  social: [1, 2],
  school: [2, 6],
  hospital: [3, 10],
  other: [1, 1],
};

function stripSuffix(s: string, suffixes: RegExp): string {
  const t = s.replace(suffixes, '');
  return t.length >= 2 ? t : s;
}

export class UnitFactory {
  private readonly used = new Set<string>();
  private readonly usedUscc: Set<string>;
  private readonly specials: [string, UnitType][];
  private readonly city: string;
  private readonly cityShort: string;
  private readonly district: string;
  private readonly districtShort: string;

  constructor(
    private readonly rng: Rng,
    private readonly ctx: UnitContext,
    taken: { names?: Iterable<string>; usccs?: Iterable<string> } = {},
  ) {
    for (const n of taken.names ?? []) this.used.add(n);
    this.usedUscc = new Set(taken.usccs ?? []);
    // Municipalities (北京/上海/天津/重庆) list their districts under 市辖区: the city is the province.
    this.city = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(ctx.cityName)
      ? ctx.provinceName
      : ctx.cityName;
    this.cityShort = stripSuffix(this.city, /(市|地区|盟|自治州)$/);
    this.district = ctx.districtName;
    this.districtShort = stripSuffix(this.district, /(区|县|市|旗)$/);
    this.specials = [...(DISTRICT_SPECIALS[ctx.districtCode] ?? [])].filter(([n]) => !this.used.has(n));
  }

  private place(): string {
    return this.rng.pick(this.ctx.places);
  }

  private brand(): string {
    const a = this.rng.pick(BRAND_CHARS);
    let b = this.rng.pick(BRAND_CHARS);
    while (b === a) b = this.rng.pick(BRAND_CHARS);
    return a + b;
  }

  private candidate(type: UnitType): string {
    const r = this.rng;
    const { city: C, cityShort: Cs, district: D, districtShort: Ds } = this;
    const x = r.next();
    switch (type) {
      case 'organ':
        if (x < 0.45) return `${D}${r.pick(ORGAN_BUREAUS)}`;
        if (x < 0.6) return `${C}公安局${Ds}分局${this.place()}派出所`;
        if (x < 0.72) return `${D}市场监督管理局${this.place()}市场监督管理所`;
        if (x < 0.84) return `国家税务总局${C}${D}税务局第${chineseNumber(r.int(1, 9))}税务所`;
        if (x < 0.93) return `${C}${D}司法局${this.place()}司法所`;
        return `${C}${D}人民法院${this.place()}人民法庭`;
      case 'institution':
        if (x < 0.55) return `${D}${r.pick(INSTITUTIONS)}`;
        if (x < 0.8) return `${C}${r.pick(RESEARCH)}`;
        return `${C}${D}${this.place()}文化活动中心`;
      case 'soe':
        if (x < 0.4) return `${r.pick(BANKS)}${r.chance(0.6) ? Cs : ''}${this.place()}支行`;
        if (x < 0.5) return `${r.pick(INSURERS)}${Cs}${Ds}支公司`;
        if (x < 0.6)
          return r.pick([
            `中国移动通信集团${stripSuffix(this.ctx.provinceName, /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/)}有限公司${Ds}分公司`,
            `中国联合网络通信有限公司${C}${Ds}分公司`,
            `中国电信股份有限公司${Cs}${Ds}分公司`,
            `国网${C}电力公司${Ds}供电公司`,
          ]);
        if (x < 0.72) return `中国邮政集团有限公司${Cs}${this.place()}邮政支局`;
        if (x < 0.84)
          return r.chance(0.5)
            ? `中国石化销售股份有限公司${Cs}石油分公司${this.place()}加油站`
            : `中国石油天然气股份有限公司${Cs}销售分公司${this.place()}加油站`;
        return `${Cs}${r.pick(CITY_GROUPS)}集团有限责任公司${r.chance(0.5) ? `${Ds}分公司` : `${this.place()}营业所`}`;
      case 'private':
        if (x < 0.82) return `${Cs}${this.brand()}${r.pick(INDUSTRIES)}有限公司`;
        if (x < 0.92) return `${Cs}市${this.brand()}律师事务所`;
        return `${Cs}${this.brand()}会计师事务所（普通合伙）`;
      case 'social':
        if (x < 0.45) return `${D}${r.pick(ASSOCIATIONS)}`;
        if (x < 0.9) return `${C}${D}${this.brand()}${r.pick(SOCIAL_CENTRES)}`;
        return `${C}${this.brand()}公益基金会`;
      case 'school':
        if (x < 0.4) return `${C}第${schoolOrdinal(r.int(1, 199))}中学`;
        if (x < 0.7) return `${C}${D}${this.place()}小学`;
        if (x < 0.9) return `${C}${D}第${chineseNumber(r.int(1, 30))}幼儿园`;
        return `${C}${r.pick(VOCATIONS)}职业学校`;
      case 'hospital':
        if (x < 0.3) return `${C}${D}${this.place()}社区卫生服务中心`;
        if (x < 0.55) return `${D}${r.pick(HOSPITALS_DISTRICT)}`;
        if (x < 0.8) return `${C}${r.pick(HOSPITALS_CITY)}`;
        return `${Cs}${this.brand()}口腔门诊部有限公司`;
      default:
        return `${D}${this.place()}${this.brand()}便民超市`;
    }
  }

  private uniqueName(type: UnitType): { name: string; type: UnitType } {
    for (let i = 0; i < 40; i++) {
      const name = this.candidate(type);
      if (!this.used.has(name)) return { name, type };
    }
    // The named space of this type is exhausted (small districts): enterprises are practically unlimited.
    for (;;) {
      const name = this.candidate('private');
      if (!this.used.has(name)) return { name, type: 'private' };
    }
  }

  private uscc(name: string, type: UnitType): string {
    for (;;) {
      const division = this.rng.chance(0.8) ? this.ctx.districtCode : `${this.ctx.provinceCode}0000`;
      const body = String(this.rng.int(10_000_000, 99_999_999));
      const code = makeUscc(usccPrefix(name, type), division, body);
      if (!this.usedUscc.has(code)) {
        this.usedUscc.add(code);
        return code;
      }
    }
  }

  next(): UnitDraft {
    const r = this.rng;
    const special = this.specials.shift();
    const { name, type } = special ? { name: special[0], type: special[1] } : this.uniqueName(TYPE_WEIGHTS.draw(r));
    this.used.add(name);
    const [lo, hi] = SIZE[type];
    const size = special ? hi : r.int(lo, hi);
    const pool = RESOURCE_POOL[type];
    const resources: UnitDraft['resources'] = [];
    const seen = new Set<string>();
    for (const [res, describe] of r.sample(pool, r.int(0, Math.min(3, pool.length)))) {
      if (seen.has(res)) continue;
      seen.add(res);
      resources.push({ name: res, description: describe(r) });
    }
    const secretary = personName(r, r.chance(0.68), r.int(1962, 1985));
    return {
      name,
      type,
      uscc: this.uscc(name, type),
      partyOrgName: partyOrg(r, name, type, size),
      partySecretary: secretary,
      contactPerson: r.chance(0.3) ? secretary : personName(r, r.chance(0.5), r.int(1970, 1995)),
      contactPhone: makeOfficePhone(r, this.ctx.districtCode),
      isCouncilMember: r.chance(COUNCIL_CHANCE[type] + (special ? 0.3 : 0)),
      resources,
      size,
    };
  }
}
