import TutahiTemplates

/// The built-in HTML report template (Mustache; every `{{value}}` is HTML-escaped).
///
/// One self-contained page: inline CSS, inline SVG, no scripts, no fonts or images fetched. Its
/// style and relationship cards are shared with `serve`'s pages (`ReportMarkup`).

enum HTMLTemplate {
    static let text = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} — {{asOfDate}}</title>
<style>
\#(ReportMarkup.css)</style>
</head>
<body>
<main>
<header>
<h1>{{title}}</h1>
<p class="lede">As of {{asOfDate}} ({{asOf}}, {{timezone}}) · {{relationshipCount}} relationships</p>
<ul class="summary" aria-label="Relationships by overall status">
{{#statusCounts}}<li><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span> {{count}}</li>
{{/statusCounts}}</ul>
</header>

<section aria-labelledby="agencies">
<h2 id="agencies">Agencies</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Agency</th><th scope="col" class="num">Relationships</th><th scope="col" class="num">Scored</th><th scope="col" class="num">Score</th><th scope="col">Status</th><th scope="col" class="num">Good</th><th scope="col" class="num">Needs attention</th><th scope="col" class="num">Poor</th><th scope="col" class="num">Percentile among agencies</th></tr></thead>
<tbody>
{{#agencies}}<tr><th scope="row"><a href="#{{anchor}}">{{name}}</a></th><td class="num">{{relationships}}</td><td class="num">{{scored}}</td><td class="num">{{score}}</td><td><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></td><td class="num">{{green}}</td><td class="num">{{amber}}</td><td class="num">{{red}}</td><td class="num">{{percentile}}</td></tr>
{{/agencies}}</tbody>
</table></div>
</section>

<section aria-labelledby="alerts">
<h2 id="alerts">Alerts</h2>
{{#hasAlerts}}<div class="table-wrap"><table class="counts">
<thead><tr><th scope="col">Severity</th><th scope="col" class="num">Firing</th><th scope="col" class="num">Pending</th><th scope="col" class="num">Resolved in this run</th></tr></thead>
<tbody>
{{#alertCounts}}<tr><th scope="row">{{severity}}</th><td class="num">{{firing}}</td><td class="num">{{pending}}</td><td class="num">{{resolved}}</td></tr>
{{/alertCounts}}</tbody>
</table></div>
{{#hasCriticalAlerts}}<h3>Critical</h3>
<div class="table-wrap"><table class="stack">
<thead><tr><th scope="col">State</th><th scope="col">Agency</th><th scope="col">Partner</th><th scope="col">Message</th></tr></thead>
<tbody>
{{#criticalAlerts}}<tr><td data-label="State">{{state}}</td><td data-label="Agency">{{agency}}</td><td data-label="Partner">{{partner}}</td><td data-label="Message">{{message}}</td></tr>
{{/criticalAlerts}}</tbody>
</table></div>{{/hasCriticalAlerts}}
<p class="note">Every alert is also shown with its relationship below.</p>{{/hasAlerts}}
{{^hasAlerts}}<p>No alerts are pending or firing.</p>{{/hasAlerts}}
</section>

<nav class="toc" aria-label="Agencies in this report"><p>Relationships by agency: {{#groups}}<a href="#{{anchor}}">{{name}}</a> · {{/groups}}</p></nav>

{{#groups}}<section class="agency" aria-labelledby="{{anchor}}">
<h2 id="{{anchor}}">{{name}}</h2>
{{#relationships}}\#(ReportMarkup.relationshipCard){{/relationships}}</section>
{{/groups}}

<section aria-labelledby="indicators">
<h2 id="indicators">What the indicators measure</h2>
<dl>
{{#indicators}}<dt><strong>{{label}}</strong> ({{dimension}})</dt><dd>{{#description}}{{description}}{{/description}}{{^description}}—{{/description}}{{#thresholds}} · {{thresholds}}{{/thresholds}}</dd>
{{/indicators}}</dl>
</section>

<section aria-labelledby="data">
<h2 id="data">Data quality</h2>
{{#dataIssues.hasRejected}}<p>{{dataIssues.rejected}} data rows were rejected and left out of every score. No row's content is shown here.</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Reason</th><th scope="col" class="num">Rows</th></tr></thead>
<tbody>
{{#dataIssues.byReason}}<tr><td>{{reason}}</td><td class="num">{{count}}</td></tr>
{{/dataIssues.byReason}}</tbody>
</table></div>
<p>First rejected rows: {{#dataIssues.first}}{{file}} line {{line}} ({{reason}}); {{/dataIssues.first}}</p>{{/dataIssues.hasRejected}}
{{^dataIssues.hasRejected}}<p>Every data row was accepted.</p>{{/dataIssues.hasRejected}}
</section>

<footer>
<p>Statuses: ● Good, ▲ Needs attention, ■ Poor, ○ No data or suppressed (fewer responses than the indicator's minimum; never shown as a number). Made by Tūtahi.</p>
</footer>
</main>
</body>
</html>

"""#
}
