// Newsletters for the suites: written through the back office's form, sent with the send
// page's button (the server's jobs and outbox worker do the rest), and published in the archive.

import assert from 'node:assert/strict';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { submitExpecting } from './checks.mjs';

/**
 * A newsletter in every language, its Markdown as an organizer would write it (`topic.pt`
 * missing: no Portuguese version, whose readers get the English one).
 */
export function newsletterTexts(topic) {
  return {
    subject_en: `${topic.en}: what the network did this season`,
    body_en: `# ${topic.en}\n\nThe **Anti-Racism and Equity Digital Summit** met in Ottawa with partners from Canada, ` +
      'the United States and Mexico.\n\n- Health equity in our neighbourhoods\n- Economic inclusion\n- Voting rights\n\n' +
      'Read the [programme and the speakers](https://example.org/summit/2030/programme-and-speakers-health-equity) ' +
      'and reply to this message with your questions.',
    subject_fr: `${topic.fr} : ce que le réseau a fait cette saison`,
    body_fr: `# ${topic.fr}\n\nLe **Sommet numérique sur l’antiracisme et l’équité** s’est réuni à Ottawa avec des ` +
      'partenaires du Canada, des États-Unis et du Mexique.\n\n- L’équité en santé dans nos quartiers\n' +
      '- L’inclusion économique\n- Le droit de vote\n\n' +
      'Lisez le [programme et les intervenants](https://example.org/sommet/2030/programme-et-intervenants-equite-en-sante).',
    subject_es: `${topic.es}: lo que hizo la red esta temporada`,
    body_es: `# ${topic.es}\n\nLa **Cumbre Digital contra el Racismo y por la Equidad** se reunió en Ottawa con socios ` +
      'de Canadá, Estados Unidos y México.\n\n- Equidad en salud en nuestros barrios\n- Inclusión económica\n' +
      '- Derecho al voto\n\n' +
      'Lea el [programa y los ponentes](https://example.org/cumbre/2030/programa-y-ponentes-equidad-en-salud).',
    ...(topic.pt && {
      subject_pt: `${topic.pt}: o que a rede fez nesta temporada`,
      body_pt: `# ${topic.pt}\n\nA **Cúpula Digital contra o Racismo e pela Equidade** se reuniu em Ottawa com parceiros ` +
        'do Canadá, dos Estados Unidos e do México.\n\n- Equidade em saúde nos nossos bairros\n- Inclusão econômica\n' +
        '- Direito ao voto\n\n' +
        'Leia o [programa e os palestrantes](https://example.org/cupula/2030/programa-e-palestrantes-equidade-em-saude).',
    }),
  };
}

/**
 * Writes a newsletter through /admin/newsletters/new (its chapter: the form's first one,
 * ticked already) and returns its back-office id.
 */
export async function writeNewsletter(page, base, texts) {
  await page.goto(`${base}/admin/newsletters/new`);
  for (const [name, value] of Object.entries(texts)) await page.fill(`#field-${name}`, value);
  assert.ok(await page.isChecked('#chapter-canada'), 'the organizer’s chapter should be ticked already');
  await Promise.all([
    page.waitForURL(/\/admin\/newsletters\/\d+\?notice=saved$/),
    page.click('form[action="/admin/newsletters/new"] button[type=submit]'),
  ]).catch(async (e) => {
    const errors = await page.locator('.error-summary').innerText().catch(() => '(no error summary)');
    throw new Error(`saving the newsletter failed at ${page.url()}: ${errors}\n${e.message}`);
  });
  return new URL(page.url()).pathname.split('/').pop();
}

/** Presses one of the send page's buttons (send, publish, …) and waits for the page it leads to. */
export async function pressButton(page, base, id, action) {
  await page.goto(`${base}/admin/newsletters/${id}`);
  const url = `${base}/admin/newsletters/${id}/${action}`;
  await submitExpecting(page, `form[action="/admin/newsletters/${id}/${action}"] button[type=submit]`, url,
    'h1', `pressing ${action} on newsletter ${id}`);
  assert.equal(new URL(page.url()).searchParams.get('notice'), action, `${action} should be done (now at ${page.url()})`);
}

/**
 * Waits until the send of newsletter `id` is over: the jobs write the copies (every 2 s), the
 * worker sends them, and the next pass marks it sent; its page then offers the archive button.
 */
export async function waitUntilSent(page, base, id, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.goto(`${base}/admin/newsletters/${id}`);
    if (await page.locator(`form[action="/admin/newsletters/${id}/publish"]`).count()) return;
    if (Date.now() > deadline) {
      const facts = await page.locator('dl.facts').allInnerTexts();
      throw new Error(`newsletter ${id} was not sent within ${timeout} ms: ${facts.join(' | ')}`);
    }
    await sleep(500);
  }
}

/**
 * Makes the file transport fail until `release()`: its directory is replaced by a plain file,
 * so every message meets a write error (with worker.max_attempts = 1, a failure at once).
 */
export async function breakMailDirectory(server) {
  const dir = join(server.dir, 'mail');
  const held = join(server.dir, 'mail-held');
  await rename(dir, held);
  await writeFile(dir, 'not a directory\n');
  return {
    async release() {
      await rm(dir, { force: true });
      await rename(held, dir);
    },
  };
}
