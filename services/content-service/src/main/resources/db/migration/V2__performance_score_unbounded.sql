-- metrics-service's ContentScored score is a weighted sum (seed 5.4), not bounded to 0..100
alter table content alter column performance_score type numeric(14, 4);
