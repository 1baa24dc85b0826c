import { get } from '../api.js';
import { money, percent, timeEl } from '../format.js';
import { h, section, table, field } from '../ui.js';

// Recent budget alerts (GET /alerts), filtered by team or user.
export async function alerts(page) {
  const team = h('input', { type: 'text', placeholder: 'any team' });
  const user = h('input', { type: 'text', placeholder: 'any user' });
  const results = h('div');
  const load = async () => {
    results.replaceChildren();
    await section(results, async () => {
      const a = await get('alerts', { team_id: team.value.trim(), user_id: user.value.trim(), limit: 100 });
      return h('div', { class: 'card' }, table('Budget alerts, newest first', ['When', 'Type', 'Scope', 'Window', 'Spend', 'Limit', 'Used', 'Message'],
        (a.data || []).map((x) => [timeEl(x.occurred_at), x.alert_type, `${x.scope} ${x.name || x.id || ''}`, x.window || '—', money(x.spend), money(x.limit), x.percent == null ? '—' : percent(x.percent), x.message]),
        { emptyText: 'No alerts.', numeric: [4, 5, 6] }));
    });
  };
  page.append(h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(); } }, field('Team id', team), field('User id', user), h('button', { type: 'submit' }, 'Filter')), results);
  await load();
}
