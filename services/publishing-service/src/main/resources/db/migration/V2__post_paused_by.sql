-- Why a post is PAUSED: 'campaign' (the campaign was paused: resuming it brings the post back) or 'decision' (an
-- optimization decision or a retirement: it stays paused when the campaign resumes).
alter table post add column paused_by varchar(16);
