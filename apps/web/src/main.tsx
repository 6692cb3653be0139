import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadConsoleConfig } from './auth/console-config';
import { SessionProvider } from './auth/session';
import { initI18n } from './i18n';
import './styles.css';

async function boot(): Promise<void> {
  const [config] = await Promise.all([loadConsoleConfig(), initI18n()]);
  createRoot(document.getElementById('root') as HTMLElement).render(
    <SessionProvider>
      <App config={config} />
    </SessionProvider>,
  );
}

void boot();
