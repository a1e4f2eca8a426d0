// Party members of the demo street: name, gender and birth date that agree with a valid, unique 18-digit ID number
// (local area code for most, other provinces for 流动党员), mobile, 民族, category, skills and status.
import type { Gender, MemberCategory, MemberStatus } from '../../shared/enums';
import { listAreas } from '../divisions';
import { idSequence, makeIdNumber, makeMobile } from './codes';
import { RETIRED_SKILLS, SKILLS_BY_UNIT_TYPE, drawSkills, ethnicities, personName } from './names';
import { type Rng, Weighted, isoDay } from './random';

export interface PersonDraft {
  name: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string;
  category: MemberCategory;
  skills: string[];
  status: MemberStatus;
  note: string | null;
}

/** County-level codes of provincial capitals and big cities: where 流动党员 and some others come from. */
// prettier-ignore
const OTHER_PROVINCE_AREAS = [
  '130102', '130203', '140105', '150102', '210102', '220102', '230102', '320106', '330106', '340104', '360102', '370102',
  '371002', '410105', '420106', '430102', '450103', '510104', '610113', '620102', '640104', '120101', '130602', '370202',
];

export const CATEGORY_MIX = new Weighted<MemberCategory>([
  ['employed', 45],
  ['retired', 40],
  ['mobile', 15],
]);

/** Birth-year range and peak of each category (triangular), and the share of men. */
const BIRTH: Record<MemberCategory, { from: number; to: number; male: number }> = {
  retired: { from: 1940, to: 1966, male: 0.62 },
  employed: { from: 1963, to: 2003, male: 0.57 },
  mobile: { from: 1965, to: 2003, male: 0.6 },
};

export interface PeopleContext {
  /** The street's district (6 digits): most members were born or registered here. */
  districtCode: string;
}

export class PersonFactory {
  private readonly ids: Set<string>;
  private readonly localAreas: string[];

  constructor(
    private readonly rng: Rng,
    ctx: PeopleContext,
    takenIds: Iterable<string> = [],
  ) {
    this.ids = new Set([...takenIds].map((id) => id.slice(0, 17)));
    let siblings: string[] = [];
    try {
      siblings = listAreas(ctx.districtCode.slice(0, 4))
        .map((a) => a.code)
        .filter((c) => /^\d{6}$/.test(c) && c !== ctx.districtCode);
    } catch {
      siblings = [];
    }
    this.localAreas = [ctx.districtCode, ...siblings];
  }

  /** 80% the street's district, 12% a neighbouring district, 8% elsewhere; 流动党员 mostly from other provinces. */
  private area(category: MemberCategory): string {
    const r = this.rng.next();
    const home = this.localAreas[0] as string;
    if (category === 'mobile') return r < 0.15 ? home : this.rng.pick(OTHER_PROVINCE_AREAS);
    if (r < 0.8) return home;
    if (r < 0.92 && this.localAreas.length > 1) return this.rng.pick(this.localAreas.slice(1));
    return this.rng.pick(OTHER_PROVINCE_AREAS);
  }

  private birthDate(category: MemberCategory): string {
    const { from, to } = BIRTH[category];
    const year = Math.round(from + ((this.rng.next() + this.rng.next()) / 2) * (to - from));
    const start = Date.UTC(year, 0, 1) / 86_400_000;
    const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
    return isoDay(start + this.rng.int(0, days - 1));
  }

  /** A unique valid ID number for this person (retries the sequence on the rare collision). */
  private idNumber(area: string, birthDate: string, male: boolean): string {
    for (;;) {
      const id = makeIdNumber(area, birthDate, idSequence(this.rng, male));
      const key = id.slice(0, 17);
      if (!this.ids.has(key)) {
        this.ids.add(key);
        return id;
      }
    }
  }

  next(category: MemberCategory = CATEGORY_MIX.draw(this.rng), employerType?: string): PersonDraft {
    const r = this.rng;
    const male = r.chance(BIRTH[category].male);
    const birthDate = this.birthDate(category);
    const year = Number(birthDate.slice(0, 4));
    const idNumber = this.idNumber(this.area(category), birthDate, male);
    const preferred =
      category === 'retired' ? RETIRED_SKILLS : employerType ? (SKILLS_BY_UNIT_TYPE[employerType] ?? []) : [];
    let status: MemberStatus = 'active';
    let note: string | null = null;
    const s = r.next();
    if (category === 'retired' && year < 1950 && s < 0.08) status = 'deceased';
    else if (s > 0.98) {
      status = 'transferred';
      note = `${r.int(2019, 2025)}年组织关系转出`;
    }
    if (category === 'mobile' && status === 'active' && r.chance(0.4)) note = '已发放流动党员活动证';
    return {
      name: personName(r, male, year),
      gender: male ? 'male' : 'female',
      birthDate,
      idNumber,
      phone: category === 'retired' && r.chance(0.08) ? null : makeMobile(r),
      ethnicity: ethnicities.draw(r),
      category,
      skills: drawSkills(r, preferred),
      status,
      note,
    };
  }
}
