/// The built-in Markdown report template (Mustache; every `{{value}}` is escaped for Markdown).
enum MarkdownTemplate {
    static let text = #"""
{{% CONTENT_TYPE: MARKDOWN }}
# {{title}}

As of {{asOfDate}} ({{asOf}}, {{timezone}}) · {{relationshipCount}} relationships

{{#statusCounts}}- {{status.symbol}} {{status.word}}: {{count}}
{{/statusCounts}}

## Agencies

| Agency | Relationships | Scored | Score | Status | Good | Needs attention | Poor | Percentile among agencies |
|---|--:|--:|--:|---|--:|--:|--:|--:|
{{#agencies}}| {{name}} | {{relationships}} | {{scored}} | {{score}} | {{status.symbol}} {{status.word}} | {{green}} | {{amber}} | {{red}} | {{percentile}} |
{{/agencies}}

## Alerts

{{#hasAlerts}}| Severity | Firing | Pending | Resolved in this run |
|---|--:|--:|--:|
{{#alertCounts}}| {{severity}} | {{firing}} | {{pending}} | {{resolved}} |
{{/alertCounts}}

{{#hasCriticalAlerts}}Critical:

| State | Agency | Partner | Message |
|---|---|---|---|
{{#criticalAlerts}}| {{state}} | {{agency}} | {{partner}} | {{message}} |
{{/criticalAlerts}}
{{/hasCriticalAlerts}}Every alert is also shown with its relationship below.
{{/hasAlerts}}{{^hasAlerts}}No alerts are pending or firing.
{{/hasAlerts}}
{{#groups}}
## {{name}}
{{#relationships}}

### {{partner}}

{{partnerKind}} · with {{agency}} · overall **{{score}}** {{status.symbol}} {{status.word}} · data coverage {{coverage}}{{#trendText}}

{{trendText}}{{/trendText}}
{{#hasAlerts}}

{{#alerts}}- **{{severity}}** {{state}}: {{message}}
{{/alerts}}
{{/hasAlerts}}

{{#hasMoves}}What moved its score since {{movesSince}}: {{#moves}}{{label}} **{{points}}** points (score {{scores}}); {{/moves}}

{{/hasMoves}}{{#dimensions}}- {{label}}: **{{score}}** {{status.symbol}} {{status.word}}
{{/dimensions}}

| Indicator | Dimension | Value | Score | n | Status |
|---|---|--:|--:|--:|---|
{{#indicators}}| {{label}}{{#thin}} ({{thin}}){{/thin}} | {{dimension}} | {{#note}}{{note}} | |{{/note}}{{^note}}{{value}} | {{score}} | {{n}}{{/note}} | {{status.symbol}} {{status.word}} |
{{/indicators}}{{#indicators}}{{#hasAgainst}}
Counting against *{{label}}*:
{{#against}}- {{.}}
{{/against}}{{#againstMore}}- {{againstMore}}
{{/againstMore}}{{/hasAgainst}}{{/indicators}}{{#hasSides}}
How each side sees it:

| Measure | Agency's view | Partner's view | Gap | Reading |
|---|--:|--:|--:|---|
{{#sides}}| {{label}} {{scale}} | {{agency}} | {{partner}} | {{gap}} | {{reading}} |
{{/sides}}{{/hasSides}}{{/relationships}}{{/groups}}

## What the indicators measure

{{#indicators}}- **{{label}}** ({{dimension}}){{#description}}: {{description}}{{/description}}{{#thresholds}} · {{thresholds}}{{/thresholds}}
{{/indicators}}

## Data quality

{{#dataIssues.hasRejected}}{{dataIssues.rejected}} data rows were rejected and left out of every score. No row's content is shown here.

| Reason | Rows |
|---|--:|
{{#dataIssues.byReason}}| {{reason}} | {{count}} |
{{/dataIssues.byReason}}

First rejected rows: {{#dataIssues.first}}{{file}} line {{line}} ({{reason}}); {{/dataIssues.first}}
{{/dataIssues.hasRejected}}{{^dataIssues.hasRejected}}Every data row was accepted.
{{/dataIssues.hasRejected}}
"""#
}
