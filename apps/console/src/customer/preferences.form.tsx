import { FormEvent, useEffect, useState } from 'react';

import { ErrorMessage } from '../shared/error-message.component';
import { CustomerApi, Preferences } from './customer.api';

const CHANNELS = [
  ['email', 'Email'],
  ['sms', 'Text message'],
  ['in-app', 'In the app'],
] as const;

type QuietHours = NonNullable<Preferences['quietHours']>;

/** Which channels the customer is told on, and hours in which nothing should arrive. */
export function PreferencesForm({ api, recipientId }: { api: CustomerApi; recipientId: string }) {
  const [prefs, setPrefs] = useState<Preferences>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.recipient(recipientId).then((r) => setPrefs(r.preferences), setError);
  }, [api, recipientId]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!prefs) return;
    setSaved(false);
    setError(undefined);
    api.savePreferences(recipientId, { channels: prefs.channels, quietHours: prefs.quietHours }).then((r) => {
      setPrefs(r.preferences);
      setSaved(true);
    }, setError);
  };
  return (
    <section className="preferences" aria-labelledby="prefs-title">
      <h2 id="prefs-title">How we tell you</h2>
      <ErrorMessage error={error} />
      {prefs ? (
        <form onSubmit={save}>
          <ChannelChecks prefs={prefs} onChange={setPrefs} />
          <QuietHoursFields
            quiet={prefs.quietHours}
            onChange={(patch) =>
              setPrefs({ ...prefs, quietHours: { from: '', to: '', timezone: '', ...prefs.quietHours, ...patch } })
            }
          />
          <button type="submit">Save preferences</button>
          {saved ? <p role="status">Preferences saved.</p> : null}
        </form>
      ) : null}
    </section>
  );
}

function ChannelChecks({ prefs, onChange }: { prefs: Preferences; onChange: (p: Preferences) => void }) {
  return (
    <>
      {CHANNELS.map(([channel, label]) => (
        <label key={channel} className="check">
          <input
            type="checkbox"
            checked={prefs.channels[channel] ?? false}
            onChange={(e) => onChange({ ...prefs, channels: { ...prefs.channels, [channel]: e.target.checked } })}
          />
          {label}
        </label>
      ))}
    </>
  );
}

function QuietHoursFields(props: { quiet: QuietHours | null; onChange: (patch: Partial<QuietHours>) => void }) {
  const { quiet, onChange } = props;
  return (
    <>
      <label htmlFor="quiet-from">Quiet from</label>
      <input
        id="quiet-from"
        type="time"
        value={quiet?.from ?? ''}
        onChange={(e) => onChange({ from: e.target.value })}
      />
      <label htmlFor="quiet-to">Quiet until</label>
      <input id="quiet-to" type="time" value={quiet?.to ?? ''} onChange={(e) => onChange({ to: e.target.value })} />
      <label htmlFor="quiet-tz">Time zone (e.g. Europe/London)</label>
      <input id="quiet-tz" value={quiet?.timezone ?? ''} onChange={(e) => onChange({ timezone: e.target.value })} />
    </>
  );
}
