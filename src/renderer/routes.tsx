import { Navigate, Route, Routes } from 'react-router';
import { AuditPage } from './features/audit/AuditPage';
import { CommunityDetail } from './features/communities/CommunityDetail';
import { CommunityList } from './features/communities/CommunityList';
import { HomePage } from './features/home/HomePage';
import { MembersPage } from './features/members/MembersPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { NetworkPage } from './features/network/NetworkPage';
import { UnitDetail } from './features/units/UnitDetail';
import { UnitsPage } from './features/units/UnitsPage';
import { AgreementDetailPage } from './features/cobuild/AgreementDetail';
import { AgreementsPage } from './features/cobuild/AgreementsPage';
import { PostDetailPage } from './features/cobuild/PostDetail';
import { PostsPage } from './features/cobuild/PostsPage';
import { TeamDetailPage } from './features/cobuild/TeamDetail';
import { TeamsPage } from './features/cobuild/TeamsPage';
// ---- cobuild imports: insert above this line ----
import { ActivitiesPage } from './features/activities/ActivitiesPage';
import { ActivityEditorPage } from './features/activities/ActivityEditor';
import { EvaluationsPage } from './features/activities/EvaluationsPage';
import { ParticipationPage } from './features/activities/ParticipationPage';
// ---- activity imports: insert above this line ----
import { DecisionsPage } from './features/meetings/DecisionsPage';
import { MeetingEditorPage } from './features/meetings/MeetingEditor';
import { MeetingsPage } from './features/meetings/MeetingsPage';
import { MinutesPage } from './features/meetings/MinutesPage';
// ---- meeting imports: insert above this line ----
import { StatisticsPage } from './features/statistics/StatisticsPage';
import { ScorecardPage } from './features/scorecard/ScorecardPage';
// ---- stats imports: insert above this line ----
import { DistrictPage } from './features/exchange/DistrictPage';
import { ExchangePage } from './features/exchange/ExchangePage';
// ---- exchange imports: insert above this line ----
import { BackupPage } from './features/backup/BackupPage';
// ---- backup imports: insert above this line ----

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/communities" element={<CommunityList />} />
      <Route path="/communities/:id" element={<CommunityDetail />} />
      <Route path="/members" element={<MembersPage />} />
      <Route path="/units" element={<UnitsPage />} />
      <Route path="/units/:id" element={<UnitDetail />} />
      <Route path="/network" element={<NetworkPage />} />
      <Route path="/agreements" element={<AgreementsPage />} />
      <Route path="/agreements/:id" element={<AgreementDetailPage />} />
      <Route path="/posts" element={<PostsPage />} />
      <Route path="/posts/:id" element={<PostDetailPage />} />
      <Route path="/teams" element={<TeamsPage />} />
      <Route path="/teams/:id" element={<TeamDetailPage />} />
      {/* ---- cobuild routes (共建协议 / 服务岗位 / 志愿服务队): insert above this line ---- */}
      <Route path="/activities" element={<ActivitiesPage />} />
      <Route path="/activities/new" element={<ActivityEditorPage />} />
      <Route path="/activities/:id" element={<ActivityEditorPage />} />
      <Route path="/participation" element={<ParticipationPage />} />
      <Route path="/evaluations" element={<EvaluationsPage />} />
      {/* ---- activity routes (服务活动 / 统计表 / 评价与反馈表): insert above this line ---- */}
      <Route path="/meetings" element={<MeetingsPage />} />
      <Route path="/meetings/new" element={<MeetingEditorPage />} />
      <Route path="/meetings/:id" element={<MeetingEditorPage />} />
      <Route path="/meetings/:id/minutes" element={<MinutesPage />} />
      <Route path="/decisions" element={<DecisionsPage />} />
      {/* ---- meeting routes (协调议事会议 / 议定事项 / 会议纪要): insert above this line ---- */}
      <Route path="/statistics" element={<StatisticsPage />} />
      <Route path="/scorecard" element={<ScorecardPage />} />
      {/* ---- stats routes (统计 / 目标考评): insert above this line ---- */}
      <Route path="/exchange" element={<ExchangePage />} />
      <Route path="/district" element={<DistrictPage />} />
      {/* ---- exchange routes (数据交换包 / 区级汇总): insert above this line ---- */}
      <Route path="/backup" element={<BackupPage />} />
      {/* ---- backup routes (备份与恢复): insert above this line ---- */}
      <Route path="/audit" element={<AuditPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
