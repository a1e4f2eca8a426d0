import { Navigate, Route, Routes } from 'react-router';
import { AuditPage } from './features/audit/AuditPage';
import { CommunityDetail } from './features/communities/CommunityDetail';
import { CommunityList } from './features/communities/CommunityList';
import { HomePage } from './features/home/HomePage';
import { SettingsPage } from './features/settings/SettingsPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/communities" element={<CommunityList />} />
      <Route path="/communities/:id" element={<CommunityDetail />} />
      <Route path="/audit" element={<AuditPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
