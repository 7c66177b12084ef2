import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Switch from '@radix-ui/react-switch';
import type { XapiSetCredentialsResult, XapiStatus, XapiTestResult } from '../../../core/xapi/types.ts';
import { normalizeEndpoint } from '../../../core/xapi/lrs-client.ts';
import { getHost } from '../../host/host.ts';
import { useStore } from '../../state/store.ts';
import { XAPI_DEFAULTS } from './defaults.ts';

// While the section is open the queue's numbers follow what the sender does.
const POLL_MS = 1500;

/** A random account id for a learner who wants none of their own (no name, no e-mail). */
function anonymousId(): string {
  return `learner-${crypto.randomUUID().slice(0, 8)}`;
}

/** The "xAPI / Learning Record Store" part of the settings dialog (loaded when first opened). */
export default function XapiSection() {
  const { t, i18n } = useTranslation();
  const settings = useStore((s) => s.settings);
  const setSetting = useStore((s) => s.setSetting);
  const host = getHost();
  const desktop = host.kind === 'electron';
  const [status, setStatus] = useState<XapiStatus | null>(null);
  const [endpoint, setEndpoint] = useState('');
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    host.xapiStatus().then(setStatus, () => undefined);
  }, [host]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ tone: 'error', text: t('xapi.unexpected', { detail: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const saveCredentials = () =>
    run(async () => {
      const result: XapiSetCredentialsResult = await host.xapiSetCredentials({ endpoint, key, secret });
      setStatus(result.status);
      if (result.ok) {
        setSecret('');
        setMessage({ tone: 'success', text: t(desktop ? 'xapi.savedDesktop' : 'xapi.savedSession') });
      } else setMessage({ tone: 'error', text: t(`xapi.problem.${result.problem}`, { detail: result.detail }) });
    });

  const testConnection = () =>
    run(async () => {
      const result: XapiTestResult = await host.xapiTestConnection();
      if (result.ok) setMessage({ tone: 'success', text: t('xapi.testOk', { versions: result.versions.join(', ') }) });
      else setMessage({ tone: 'error', text: t(`xapi.testProblem.${result.problem}`, { status: result.status ?? '', reason: result.reason }) });
    });

  const enabled = Boolean(settings.xapiEnabled);
  const accountName = settings.xapiAccountName ?? '';
  const baseOk = !settings.xapiActivityBase || normalizeEndpoint(settings.xapiActivityBase) !== null;
  const homeOk = !settings.xapiHomePage || normalizeEndpoint(settings.xapiHomePage) !== null;
  const creds = status?.credentials;
  const queue = status?.queue;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language);

  return (
    <div className="xapi-section" data-testid="xapi-section">
      <p className="small">{t('xapi.intro')}</p>
      <div className="field switch-field">
        <label htmlFor="xapi-enabled">{t('xapi.enabled')}</label>
        <Switch.Root
          id="xapi-enabled"
          className="switch"
          checked={enabled}
          onCheckedChange={(v) => {
            if (v && !accountName.trim()) setSetting('xapiAccountName', anonymousId());
            setSetting('xapiEnabled', v);
          }}
          data-testid="xapi-enabled"
        >
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
      </div>
      <div className="field">
        <label htmlFor="xapi-account">{t('xapi.accountName')}</label>
        <input
          id="xapi-account"
          className="input"
          value={accountName}
          maxLength={200}
          onChange={(e) => setSetting('xapiAccountName', e.target.value)}
          aria-describedby="xapi-account-help"
        />
        <span id="xapi-account-help" className="muted small">
          {t('xapi.accountHelp')}
        </span>
      </div>
      <div className="xapi-grid">
        <div className="field">
          <label htmlFor="xapi-home">{t('xapi.homePage')}</label>
          <input
            id="xapi-home"
            className="input"
            placeholder={XAPI_DEFAULTS.homePage}
            value={settings.xapiHomePage ?? ''}
            onChange={(e) => setSetting('xapiHomePage', e.target.value)}
            aria-invalid={!homeOk}
          />
        </div>
        <div className="field">
          <label htmlFor="xapi-base">{t('xapi.activityBase')}</label>
          <input
            id="xapi-base"
            className="input"
            placeholder={XAPI_DEFAULTS.activityBase}
            value={settings.xapiActivityBase ?? ''}
            onChange={(e) => setSetting('xapiActivityBase', e.target.value)}
            aria-invalid={!baseOk}
          />
        </div>
      </div>
      {!homeOk || !baseOk ? <p className="xapi-error small">{t('xapi.iriInvalid')}</p> : null}

      <h4 className="xapi-subhead">{t('xapi.connection')}</h4>
      {desktop ? (
        <p className="small">{creds?.encryptionAvailable === false ? t('xapi.noEncryption') : t('xapi.desktopStorage')}</p>
      ) : (
        <div className="notice warning xapi-web-note" role="note" data-testid="xapi-web-note">
          <p>{t('xapi.webStorage')}</p>
        </div>
      )}
      {creds?.stored ? (
        <p className="small" data-testid="xapi-stored">
          {t(desktop ? 'xapi.storedDesktop' : 'xapi.storedSession', { endpoint: creds.endpoint ?? '', key: creds.keyHint ?? '' })}
        </p>
      ) : null}
      <form
        className="xapi-credentials"
        onSubmit={(e) => {
          e.preventDefault();
          void saveCredentials();
        }}
      >
        <div className="field">
          <label htmlFor="xapi-endpoint">{t('xapi.endpoint')}</label>
          <input
            id="xapi-endpoint"
            className="input"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={desktop ? 'https://lrs.example.com/xapi/' : '/xapi/'}
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
          />
        </div>
        <div className="xapi-grid">
          <div className="field">
            <label htmlFor="xapi-key">{t('xapi.key')}</label>
            <input id="xapi-key" className="input" autoComplete="off" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="xapi-secret">{t('xapi.secret')}</label>
            <input
              id="xapi-secret"
              className="input"
              type="password"
              autoComplete="new-password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          </div>
        </div>
        <div className="xapi-actions">
          <button className="btn" type="submit" disabled={busy || !endpoint.trim() || !key.trim() || !secret} data-testid="xapi-save">
            {t(desktop ? 'xapi.save' : 'xapi.useForSession')}
          </button>
          {creds?.stored ? (
            <button className="btn ghost" type="button" disabled={busy} onClick={() => void run(async () => setStatus(await host.xapiClearCredentials()))}>
              {t('xapi.forget')}
            </button>
          ) : null}
        </div>
      </form>

      <h4 className="xapi-subhead">{t('xapi.queue')}</h4>
      <div className="xapi-actions">
        <button className="btn small" type="button" disabled={busy || !creds?.stored} onClick={() => void testConnection()} data-testid="xapi-test">
          {t('xapi.testButton')}
        </button>
        <button
          className="btn small"
          type="button"
          disabled={busy || !queue?.waiting || !enabled}
          onClick={() => void run(async () => setStatus(await host.xapiSendNow()))}
          data-testid="xapi-send"
        >
          {t('xapi.sendNow')}
        </button>
        {queue && queue.rejected.length > 0 ? (
          <button className="btn small" type="button" disabled={busy} onClick={() => void run(async () => setStatus(await host.xapiRetryRejected()))}>
            {t('xapi.retryRejected')}
          </button>
        ) : null}
      </div>
      {message ? (
        <p className={`small ${message.tone === 'error' ? 'xapi-error' : 'xapi-ok'}`} role="status" data-testid="xapi-message">
          {message.text}
        </p>
      ) : null}
      {queue ? (
        <div className="xapi-status" data-testid="xapi-status" aria-live="polite">
          <p className="small">
            {t('xapi.counts', { waiting: queue.waiting, sent: queue.sent, rejected: queue.rejected.length })}
            {queue.lastSentAt ? ` · ${t('xapi.lastSent', { time: time(queue.lastSentAt) })}` : ''}
          </p>
          {!enabled && queue.waiting > 0 ? <p className="small">{t('xapi.pausedOff')}</p> : null}
          {queue.lastProblem && queue.waiting > 0 ? (
            <p className="small xapi-error" data-testid="xapi-problem">
              {t(`xapi.sendProblem.${queue.lastProblem.kind}`, { status: queue.lastProblem.status ?? '', reason: queue.lastProblem.reason })}
              {queue.nextAttemptAt ? ` ${t('xapi.nextAttempt', { time: time(queue.nextAttemptAt) })}` : ''}
            </p>
          ) : null}
          {queue.rejected.length > 0 ? (
            <ul className="xapi-rejected" data-testid="xapi-rejected">
              {queue.rejected.slice(0, 5).map((r) => (
                <li key={r.id || `${r.at}-${r.object}`} className="small">
                  {t('xapi.rejectedItem', { verb: r.verb, object: r.object, status: r.status || '—', reason: r.reason })}
                </li>
              ))}
              {queue.rejected.length > 5 ? <li className="small muted">{t('xapi.moreRejected', { count: queue.rejected.length - 5 })}</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
