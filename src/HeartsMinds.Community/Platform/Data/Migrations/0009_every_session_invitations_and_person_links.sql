-- Every-session registrations send each person one recurring invitation of their own (its UID and the changes
-- made to it only for them), and each person gets a private link of their own: to their place at one event, or to
-- their every-session registration.

ALTER TABLE series_subscribers
    ADD COLUMN calendar_uid uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0;
ALTER TABLE series_subscribers ALTER COLUMN calendar_uid DROP DEFAULT;

ALTER TABLE manage_links
    ADD COLUMN attendee_id bigint,
    ADD COLUMN series_subscriber_id bigint,
    ADD CONSTRAINT fk_manage_links_attendees_attendee_id FOREIGN KEY (attendee_id) REFERENCES attendees (id) ON DELETE CASCADE,
    ADD CONSTRAINT fk_manage_links_series_subscribers_series_subscriber_id FOREIGN KEY (series_subscriber_id) REFERENCES series_subscribers (id) ON DELETE CASCADE,
    DROP CONSTRAINT ck_manage_links_one_owner,
    ADD CONSTRAINT ck_manage_links_one_owner CHECK (num_nonnulls(registration_id, series_subscription_id, attendee_id, series_subscriber_id) = 1);

CREATE INDEX ix_manage_links_attendee_id ON manage_links (attendee_id);
CREATE INDEX ix_manage_links_series_subscriber_id ON manage_links (series_subscriber_id);
CREATE INDEX ix_attendees_email_key ON attendees (email_key);
