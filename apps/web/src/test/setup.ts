import '@testing-library/jest-dom/vitest';
import { initI18n } from '../i18n';

localStorage.clear();
await initI18n('zh-CN');
