import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installWebBridge } from './api/web-bridge';
import { App } from './app/App';

installWebBridge();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
