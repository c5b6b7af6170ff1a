// An example model backend for Parley (README.md beside this file): a cue-and-name matcher that
// answers Parley's POST with claims whose sides are actor names. Node only (node:http), no packages;
// the two type imports below are erased when it runs and only keep it in step with Parley's schema.
//
//   npx tsx docs/examples/model-backend/server.ts --port 9090 [--host 127.0.0.1] [--model example-matcher/1]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import type { ModelBackendAnswer, ModelBackendRequest } from '../../../shared/schemas/modelBackend.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9090' },
    host: { type: 'string', default: '127.0.0.1' },
    model: { type: 'string', default: 'example-matcher/1' },
  },
});
const MODEL = values.model;
const REQUEST_MAX_BYTES = 64 * 1024 * 1024;

/** Words that signal a stance, by stance key; a project's own label names and keys count as cues too. */
const CUES: Record<string, string[]> = {
  condemn: ['condemn', 'condemned', 'condemns', 'criticize', 'criticized', 'criticised', 'criticizes', 'denounced', 'accused', 'blamed', 'opposed'],
  support: ['support', 'supports', 'supported', 'backed', 'backs', 'praised', 'praises', 'endorsed', 'welcomed'],
  mediate: ['mediate', 'mediation', 'urged', 'called for', 'ceasefire', 'dialogue', 'restraint'],
};
const NEGATION = /(?:^|[^\p{L}])(?:not|never|no longer)\s+(?:\p{L}+\s+)?$/iu;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `word` as a whole word: no letter or digit right before or after it. */
const wholeWord = (word: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, `g${flags}`);
/** JavaScript indexes UTF-16 units; Parley's offsets count code points (one per emoji). */
const codePoints = (text: string, utf16: number) => [...text.slice(0, utf16)].length;

interface Hit {
  at: number;
  end: number;
}

function firstHit(text: string, patterns: readonly RegExp[]): Hit | null {
  let best: Hit | null = null;
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.at)) best = { at: match.index, end: match.index + match[0].length };
  }
  return best;
}

/** The claims of one sentence: the first cue, the nearest actor named before it (the speaker) and the first other one after it (the target). */
function claimsOf(sentence: ModelBackendRequest['sentences'][number], request: ModelBackendRequest): ModelBackendAnswer['records'][number]['claims'] {
  const text = sentence.text;
  const mentions = request.actors.flatMap((actor) =>
    [
      ...[actor.name, ...actor.aliases].map((word) => wholeWord(word, 'iu')),
      // Codes ("US", "ISR") only in capitals: "us" is a pronoun.
      ...(actor.code ? [wholeWord(actor.code, 'u')] : []),
    ].flatMap((pattern) => [...text.matchAll(pattern)].map((match) => ({ actor, at: match.index, end: match.index + match[0].length }))),
  );
  let cue: (Hit & { stance: string }) | null = null;
  for (const label of request.stanceLabels) {
    const words = [...(CUES[label.key] ?? []), label.key, label.name.toLowerCase()];
    const hit = firstHit(
      text,
      words.map((word) => wholeWord(word, 'iu')),
    );
    if (hit && (!cue || hit.at < cue.at)) cue = { ...hit, stance: label.key };
  }
  if (!cue) return [];
  const before = mentions.filter((m) => m.end <= cue.at && m.actor.kind !== 'issue').sort((a, b) => b.end - a.end);
  const speaker = before[0];
  const target = mentions.filter((m) => m.at >= cue.end && m.actor.id !== speaker?.actor.id).sort((a, b) => a.at - b.at)[0];
  if (!speaker || !target) return [];
  // Closer words are surer: a speaker right before its verb ("Beijing condemned") scores higher.
  const gap = text.slice(speaker.end, cue.at).trim().split(/\s+/).filter(Boolean).length;
  return [
    {
      speaker: { actor: speaker.actor.name },
      stance: cue.stance,
      target: { actor: target.actor.name },
      cue: { start: sentence.start + codePoints(text, cue.at), end: sentence.start + codePoints(text, cue.end) },
      negated: NEGATION.test(text.slice(0, cue.at)),
      score: gap <= 2 ? 0.8 : 0.55,
    },
  ];
}

function answer(request: ModelBackendRequest): ModelBackendAnswer {
  const records = request.sentences
    .filter((sentence) => !sentence.boilerplate)
    .map((sentence) => ({ id: sentence.id, claims: claimsOf(sentence, request) }))
    .filter((record) => record.claims.length > 0);
  return { model: MODEL, records };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > REQUEST_MAX_BYTES) throw new Error('request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((req, res) => {
  if (req.method === 'GET') return send(res, 200, { model: MODEL, protocol: 'parley-model-backend/1', usage: 'POST a Parley model backend request here' });
  if (req.method !== 'POST') return send(res, 405, { error: 'POST a Parley model backend request' });
  readBody(req)
    .then((raw) => {
      const request = JSON.parse(raw) as ModelBackendRequest;
      if (request?.protocol !== 'parley-model-backend/1' || !Array.isArray(request.sentences) || !Array.isArray(request.actors)) {
        return send(res, 400, { error: 'not a parley-model-backend/1 request' });
      }
      const result = answer(request);
      console.log(`document ${request.document?.id}: ${result.records.length} sentence(s) with claims of ${request.sentences.length}`);
      send(res, 200, result);
    })
    .catch((error: unknown) => send(res, 400, { error: error instanceof Error ? error.message : String(error) }));
});

server.listen(Number(values.port), values.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  // Tests and scripts wait for this line (with --port 0 it names the free port the system chose).
  console.log(`Model backend ${MODEL} listening on http://${values.host}:${port}/`);
});
