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
      <Route path="/audit" element={<AuditPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
