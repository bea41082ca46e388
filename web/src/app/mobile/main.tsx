import { loadCoreMessages } from '../../i18n';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MobileApp, preloadFirstScreen } from './mobile-app';
import { applyBootStyles } from './boot-styles';
import './mobile.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from m/index.html');
const root = createRoot(container);
preloadFirstScreen(location.pathname);
// The first screens' words first (src/i18n); the rest once someone is signed in (RequireStaffAuth).
void Promise.all([loadCoreMessages().catch((error: unknown) => console.error('messages not loaded', error)), applyBootStyles()]).finally(() => {
  // As a transition React renders the first screen in slices, between which the phone can
  // answer a tap or paint the splash's dots, instead of one long task on a slow CPU.
  startTransition(() =>
    root.render(
      <StrictMode>
        <MobileApp />
      </StrictMode>,
    ),
  );
});
