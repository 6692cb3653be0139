import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { hasRole, useSession } from '../auth/session';
import { LANGUAGES } from '../i18n';

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const claims = session?.claims;
  const links = claims
    ? [
        { to: '/dashboard', label: t('app.nav.dashboard'), show: hasRole(claims, 'district-admin', 'unit-admin') },
        { to: '/unit', label: t('app.nav.unit'), show: hasRole(claims, 'district-admin', 'unit-admin') },
        { to: '/me', label: t('app.nav.member'), show: Boolean(claims.memberId) },
        { to: '/organisation', label: t('app.nav.organisation'), show: hasRole(claims, 'district-admin', 'unit-admin') },
        { to: '/appraisal', label: t('app.nav.appraisal'), show: hasRole(claims, 'district-admin', 'unit-admin') },
      ].filter((link) => link.show)
    : [];
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top">
        <p className="brand">{t('app.title')}</p>
        {links.length > 0 && (
          <nav aria-label={t('app.title')}>
            <ul>
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to}>{link.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="tools">
          <label>
            <span className="visually-hidden">{t('app.language')}</span>
            <select aria-label={t('app.language')} value={i18n.resolvedLanguage} onChange={(event) => void i18n.changeLanguage(event.target.value)}>
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code} lang={language.code}>
                  {language.label}
                </option>
              ))}
            </select>
          </label>
          {claims && (
            <>
              <span className="who">{t('app.signedInAs', { who: claims.name ?? claims.roles.map((role) => t(`roles.${role}`)).join('、') })}</span>
              <button type="button" onClick={signOut}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {children}
    </>
  );
}
