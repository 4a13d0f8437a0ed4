-- How much each kind of change matters in a monthly review, 1 first: the order "what changed"
-- is read in. A line of several changes (one project's health, its moved milestones, its new
-- risks) takes the importance of its most important change.
with rules(importance, change, meaning) as (
    values
        (1, 'health worse', 'computed health got worse'),
        (2, 'new watermelon', 'reported health now better than computed'),
        (3, 'high risk new or escalated', 'a High or Critical risk or issue raised, or escalated'),
        (4, 'reported health changed', 'the PM''s reported RAG changed'),
        (5, 'action overdue', 'an open action of the RAID log passed its due date this month'),
        (6, 'milestone moved', 'an open milestone''s forecast moved'),
        (7, 'watermelon resolved', 'a watermelon last month, not now'),
        (8, 'health better', 'computed health got better'),
        (9, 'health changed', 'health changed to or from grey (not assessed)'),
        (10, 'risk new or escalated', 'a Low or Medium risk or issue raised, or escalated'),
        (11, 'risk closed', 'a risk or issue closed (or raised and closed within the month)'),
        (12, 'newly over-allocated', 'a person over capacity for the first time in the horizon')
)

select * from rules
