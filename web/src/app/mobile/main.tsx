import '../../i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MobileApp } from './mobile-app';
import './mobile.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from m/index.html');
createRoot(container).render(
  <StrictMode>
    <MobileApp />
  </StrictMode>,
);
