// 目标考评: the dashboard's per-community scorecard for a year (stats.ts computes the indicators, weights and ranks
// from the settings) with the raw figures behind every indicator, its normalised weight and the points it earns —
// what the ranked table, the printed page per community and the Excel export show. No query of its own: the
// figures are the dashboard's, so the scorecard can never disagree with the 首页.
import { SCORE_INDICATORS, type ScoreIndicator, type ScorecardT } from '../../shared/contract';
import { STATS, STATS_UI } from '../../shared/messages';
import type { StreetGridDb } from '../db/connection';
import { localToday } from './agreements';
import { streetName } from './participation';
import { getSettings } from './settings';
import { dashboard, scoreWeights } from './stats';

const D = STATS_UI.scorecard.detail;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function scorecard(db: StreetGridDb, input: { year: number }, today = localToday()): ScorecardT {
  const settings = getSettings(db);
  const weights = scoreWeights(settings);
  const d = dashboard(db, { year: input.year }, today);
  const target = settings.participationTarget;
  const rows = d.scorecard.map((s) => {
    const code = s.communityCode;
    const net = d.network.byCommunity[code] ?? { members: 0, notInNetwork: 0 };
    const part = d.participation.byCommunity[code] ?? { reported: 0, atLeastFour: 0 };
    const q = d.meetings.compliance[code];
    const states = q ? [q.Q1, q.Q2, q.Q3, q.Q4] : [];
    const met = states.filter((x) => x === 'met').length;
    const due = met + states.filter((x) => x === 'missed').length;
    const com = d.commitments.byCommunity[code] ?? { done: 0, total: 0 };
    const posts = d.posts.byCommunity[code] ?? { filled: 0, headcount: 0 };
    const three = d.sanYou[code] ?? { people: false, money: false, place: false };
    const threeMet = [three.people, three.money, three.place].filter(Boolean).length;
    const items = (['people', 'money', 'place'] as const)
      .map((k) => `${STATS_UI.scorecard.sanYouItems[k]}${three[k] ? STATS_UI.scorecard.yes : STATS_UI.scorecard.no}`)
      .join('、');
    const raw: Record<ScoreIndicator, { numerator: number; denominator: number; detail: string }> = {
      networkCoverage: {
        numerator: net.members - net.notInNetwork,
        denominator: net.members,
        detail: D.networkCoverage(net.members - net.notInNetwork, net.members),
      },
      participation: {
        numerator: part.atLeastFour,
        denominator: part.reported,
        detail: D.participation(part.atLeastFour, part.reported, target),
      },
      meetingsHeld: { numerator: met, denominator: due, detail: D.meetingsHeld(met, due) },
      commitmentsDone: { numerator: com.done, denominator: com.total, detail: D.commitmentsDone(com.done, com.total) },
      postsClaimed: {
        numerator: posts.filled,
        denominator: posts.headcount,
        detail: D.postsClaimed(posts.filled, posts.headcount),
      },
      sanYou: { numerator: threeMet, denominator: 3, detail: D.sanYou(threeMet, items) },
    };
    const figures = Object.fromEntries(
      SCORE_INDICATORS.map((k) => {
        const value = s.indicators[k];
        return [k, { value, ...raw[k], weight: weights[k], points: round2(value * weights[k] * 100) }];
      }),
    ) as ScorecardT['rows'][number]['figures'];
    return {
      communityId: s.communityId,
      communityCode: code,
      communityName: s.communityName,
      score: s.score,
      rank: s.rank,
      figures,
    };
  });
  return {
    year: d.year,
    today: d.today,
    streetName: streetName(db),
    participationTarget: target,
    indicators: SCORE_INDICATORS.map((key) => ({
      key,
      label: STATS.indicators[key].label,
      definition: key === 'participation' ? STATS_UI.participationDefinition(target) : STATS.indicators[key].definition,
      enabled: settings.scoreEnabled.includes(key),
      weight: weights[key],
    })),
    rows,
  };
}
