/// The pieces of the HTML report that `serve`'s pages share with it, so both look alike.
package enum ReportMarkup {
    /// The report's style sheet: statuses as colour, word and shape; phone layouts; print.
    package static let css = #"""
:root { --ink: #1b1f24; --muted: #4a5360; --line: #d5dae1; --paper: #ffffff; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--paper); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0; }
p.lede { color: var(--muted); margin: 0 0 1rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 0.75rem; font-size: 0.875rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.status.green { background: #dcfce7; color: #14532d; border-color: #86efac; }
.status.amber { background: #fef3c7; color: #713f12; border-color: #fcd34d; }
.status.red { background: #fee2e2; color: #7f1d1d; border-color: #fca5a5; }
.status.suppressed, .status.no-data { background: #f1f5f9; color: #334155; border-color: #cbd5e1; }
.status.error { background: #ede9fe; color: #3b0764; border-color: #c4b5fd; }
.summary { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0.5rem 0 1rem; padding: 0; list-style: none; }
.card { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
.card header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.card header .kind { color: var(--muted); font-size: 0.875rem; }
.card header .overall { margin-left: auto; display: flex; align-items: center; gap: 0.75rem; }
.dims { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.5rem 0; padding: 0; list-style: none; font-size: 0.9375rem; }
.note { color: var(--muted); font-style: italic; }
ul.alerts { margin: 0.5rem 0; padding-left: 1.25rem; }
table.counts { width: auto; min-width: 24rem; }
.severity { display: inline-block; min-width: 4.5rem; font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; }
.severity.critical { color: #991b1b; }
.severity.warning { color: #854d0e; }
.severity.info { color: #1e40af; }
svg.trend { vertical-align: middle; }
svg.trend polyline { fill: none; stroke: #1d4ed8; stroke-width: 2; }
svg.trend circle { fill: #1d4ed8; }
svg.trend line.mid { stroke: #cbd5e1; stroke-dasharray: 2 2; }
.sides figure { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; margin: 0.5rem 0; }
.sides figcaption { flex: 1 1 16rem; font-size: 0.9375rem; }
svg.paired text { font-size: 11px; fill: #1b1f24; }
svg.paired rect.agency { fill: #1b1f24; }
svg.paired rect.partner { fill: #ffffff; stroke: #1b1f24; stroke-width: 1.5; }
svg.paired g.hatch line { stroke: #1b1f24; stroke-width: 1; }
th .thresholds, th .thin { display: block; font-weight: 400; font-size: 0.8125rem; color: var(--muted); }
th .thin { font-style: italic; }
tr.evidence td { border-bottom: 1px solid var(--line); padding-top: 0; }
tr.evidence details { font-size: 0.9375rem; }
tr.evidence summary { cursor: pointer; color: var(--muted); }
tr.evidence ul { margin: 0.25rem 0 0.25rem 1rem; padding-left: 1rem; }
.moves h4 { margin: 0.5rem 0 0.25rem; }
.moves ul { margin: 0 0 0.5rem; padding-left: 1.25rem; }
nav.toc { font-size: 0.9375rem; }
nav.toc a { color: #1d4ed8; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.875rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: 0.75rem; }
  .card header .overall { margin-left: 0; }
  th, td { padding: 0.35rem 0.4rem; }
  table.indicators .dimension { display: none; }
  /* Tables with many columns become one block per row, each cell labelled. */
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: 0.35rem 0; }
  table.stack td, table.stack th { display: block; border: 0; padding: 0.1rem 0.4rem; text-align: left; background: none; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; }
  section.agency { break-before: page; }
  .status, svg.trend { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}

"""#

    /// One relationship's card (a Mustache section over a `RelationshipView`): overall score,
    /// trend, alerts, what moved, dimensions, indicators with the evidence against them, and
    /// both sides' views.
    package static let relationshipCard = #"""
<article class="card" id="{{anchor}}">
<header>
<h3>{{partner}}</h3><span class="kind">{{partnerKind}} · with {{agency}}</span>
<span class="overall">{{{trend}}}<span>Overall <strong>{{score}}</strong></span><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></span>
</header>
{{#trendText}}<p class="note">{{trendText}}</p>{{/trendText}}
{{#hasAlerts}}<ul class="alerts" aria-label="Alerts">
{{#alerts}}<li class="alert-{{severity}}"><span class="severity {{severity}}">{{severity}}</span> {{state}}: {{message}}</li>
{{/alerts}}</ul>{{/hasAlerts}}
{{#hasMoves}}<div class="moves"><h4>What moved its score since {{movesSince}}</h4><ul>
{{#moves}}<li>{{label}}: <strong>{{points}}</strong> points (score {{scores}})</li>
{{/moves}}</ul></div>{{/hasMoves}}
<ul class="dims" aria-label="Dimensions">
{{#dimensions}}<li>{{label}}: <strong>{{score}}</strong> <span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></li>
{{/dimensions}}</ul>
<div class="table-wrap"><table class="indicators stack">
<thead><tr><th scope="col">Indicator</th><th scope="col" class="dimension">Dimension</th><th scope="col" class="num">Value</th><th scope="col" class="num">Score</th><th scope="col" class="num">n</th><th scope="col">Status</th></tr></thead>
<tbody>
{{#indicators}}<tr><th scope="row">{{label}}<span class="thresholds">{{thresholds}}</span>{{#thin}}<span class="thin">{{thin}}</span>{{/thin}}</th><td class="dimension">{{dimension}}</td>{{#note}}<td colspan="3" class="note">{{note}}</td>{{/note}}{{^note}}<td class="num" data-label="Value">{{value}}</td><td class="num" data-label="Score">{{score}}</td><td class="num" data-label="n">{{n}}</td>{{/note}}<td><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></td></tr>
{{#hasAgainst}}<tr class="evidence"><td colspan="6"><details><summary>What counts against “{{label}}”</summary><ul>
{{#against}}<li>{{.}}</li>
{{/against}}{{#againstMore}}<li class="note">{{againstMore}}</li>{{/againstMore}}</ul></details></td></tr>
{{/hasAgainst}}{{/indicators}}</tbody>
</table></div>
{{#hasSides}}<div class="sides"><h4>How each side sees it</h4>
{{#sides}}<figure>{{{chart}}}<figcaption><strong>{{label}}</strong>: the agency's view {{agency}}, the partner's {{partner}} {{scale}} (gap {{gap}}: {{reading}}).</figcaption></figure>
{{/sides}}</div>{{/hasSides}}
<p class="note">Data coverage: {{coverage}} of indicator weight.</p>
</article>

"""#
}
