import { loadAllMessages, loadCoreMessages } from '../../i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MobileApp } from './mobile-app';
import './mobile.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from m/index.html');
const root = createRoot(container);
// The first screens' words first (src/i18n), then the rest behind them while the phone is idle.
void loadCoreMessages()
  .catch((error: unknown) => console.error('messages not loaded', error))
  .finally(() => {
    root.render(
      <StrictMode>
        <MobileApp />
      </StrictMode>,
    );
    void loadAllMessages().catch(() => undefined); // each screen beyond the first asks again
  });
