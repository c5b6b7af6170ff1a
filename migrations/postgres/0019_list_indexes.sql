-- Lists at 100,000 documents, second pass (issue 15): indexes only, no trigger and no new state,
-- so the saves' transactions write nothing more than before.
--
-- The registry's claim counts (sort by usage): a claim naming an actor as target counts unless the
-- same actor is its speaker; with the speaker in the target index that test reads the index alone
-- (it read one claims row per claim naming the actor).
DROP INDEX claims_target_actor;
CREATE INDEX claims_target_actor ON claims (target_actor_id, speaker_actor_id);
DROP INDEX gold_claims_target_actor;
CREATE INDEX gold_claims_target_actor ON gold_claims (target_actor_id, speaker_actor_id);

-- The queue's holders (server/assignments/queue.ts): the content documents by their number of
-- assignment rows (kept by the triggers of migration 0011 on assignments, a rare write), so the
-- documents that are full or partly held are counted or read from the index, not every hold.
CREATE INDEX document_stats_holders ON document_stats (project_id, holders, document_id) WHERE content > 0;
-- Holds nobody has touched, by when they were taken: the expired ones are a range of it.
CREATE INDEX assignments_untouched ON assignments (project_id, assigned_at, document_id, user_id) WHERE last_activity_at IS NULL;

-- The export of labelled sentences or gold walks the documents someone labelled
-- (document_annotators) and those with gold, this index.
CREATE INDEX document_stats_gold ON document_stats (project_id, document_id) WHERE gold > 0;
