-- ImageRequestCancelled (image-service): a cancelled request no longer keeps the create_images task open.
alter table campaign_image_requests add column cancelled_at timestamptz;
