-- When the owner of an address last got an "you are already subscribed" notice: at most one per 24 h,
-- so repeated form posts for an existing address cannot flood its owner (issue #4, no enumeration).
ALTER TABLE subscriber ADD COLUMN notice_sent_at TIMESTAMP WITH TIME ZONE;
-- Purging expired pending subscribers scans by status and age.
CREATE INDEX subscriber_status_updated ON subscriber (status, updated_at);
