import TutahiTemplates

/// The pages' Mustache templates: the report's style and relationship cards (`ReportMarkup`) in a
/// frame with navigation. Every value is HTML-escaped; the charts are SVG made from numbers only.
enum DashboardTemplates {
    /// Rules the report does not need: the navigation bar, buttons and the sign-in form.
    static let extraCSS = """
        nav.site { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; padding: 0.5rem 0; border-bottom: 1px solid var(--line); }
        nav.site a { color: #1d4ed8; font-weight: 600; }
        nav.site .who { margin-left: auto; color: var(--muted); font-size: 0.875rem; }
        form.inline { display: inline; margin: 0; }
        button { font: inherit; padding: 0.3rem 0.9rem; border: 1px solid #1d4ed8; border-radius: 0.375rem; background: #1d4ed8; color: #fff; cursor: pointer; }
        form.inline button { padding: 0.1rem 0.6rem; background: var(--paper); color: #1d4ed8; font-size: 0.875rem; }
        form.sign-in { display: grid; gap: 0.5rem; max-width: 26rem; }
        form.sign-in input { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid var(--muted); border-radius: 0.375rem; }
        p.problem { color: #7f1d1d; font-weight: 600; }
        p.more a { color: #1d4ed8; }
        svg.history { width: 100%; max-width: 40rem; height: auto; }
        svg.history polyline { fill: none; stroke: #1d4ed8; stroke-width: 2; }
        svg.history circle { fill: #1d4ed8; }
        svg.history line.mid { stroke: #cbd5e1; stroke-dasharray: 2 2; }
        ul.evidence { margin: 0.25rem 0 0.75rem; padding-left: 1.25rem; }
        td.change.up { color: #14532d; }
        td.change.down { color: #7f1d1d; }
        @media (max-width: 40rem) { table.counts { min-width: 0; } nav.site .who { margin-left: 0; } }

        """

    /// The style sheet at `/style.css`.
    static let css = ReportMarkup.css + extraCSS

    private static func page(_ body: String) -> String {
        #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{pageTitle}} — Tūtahi</title>
        <link rel="stylesheet" href="/style.css">
        </head>
        <body>
        <main>
        <nav class="site" aria-label="Dashboard">{{#frame.navigation}}<a href="/">Overview</a><a href="/alerts">Alerts</a>{{/frame.navigation}}<span class="who">{{frame.monitor}}{{#frame.viewer}} · signed in as {{frame.viewer}} <form class="inline" method="post" action="/sign-out"><button type="submit">Sign out</button></form>{{/frame.viewer}}</span></nav>

        """# + body + #"""

        <footer>
        {{#frame.run}}<p>Run {{frame.run.number}} as of {{frame.run.asOf}}, finished {{frame.run.finished}} ({{frame.run.duration}}). Pages show the last recorded run; a check in progress appears when it is recorded.</p>{{/frame.run}}
        <p>Statuses: ● Good, ▲ Needs attention, ■ Poor, ○ No data or suppressed (fewer responses than the indicator's minimum; never shown as a number). Made by Tūtahi.</p>
        </footer>
        </main>
        </body>
        </html>

        """#
    }

    static let overview = page(#"""
        <header>
        <h1>{{report.title}}</h1>
        <p class="lede">As of {{report.asOfDate}} ({{report.asOf}}, {{report.timezone}}) · {{report.relationshipCount}} relationships</p>
        <ul class="summary" aria-label="Relationships by overall status">
        {{#report.statusCounts}}<li><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span> {{count}}</li>
        {{/report.statusCounts}}</ul>
        </header>
        {{#hasAgencies}}<section aria-labelledby="agencies">
        <h2 id="agencies">Agencies</h2>
        <div class="table-wrap"><table class="stack">
        <thead><tr><th scope="col">Agency</th><th scope="col" class="num">Relationships</th><th scope="col" class="num">Scored</th><th scope="col" class="num">Score</th><th scope="col">Status</th><th scope="col" class="num">Good</th><th scope="col" class="num">Needs attention</th><th scope="col" class="num">Poor</th><th scope="col" class="num">Percentile among agencies</th></tr></thead>
        <tbody>
        {{#report.agencies}}<tr><th scope="row"><a href="/agencies/{{id}}">{{name}}</a></th><td class="num" data-label="Relationships">{{relationships}}</td><td class="num" data-label="Scored">{{scored}}</td><td class="num" data-label="Score">{{score}}</td><td><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></td><td class="num" data-label="Good">{{green}}</td><td class="num" data-label="Needs attention">{{amber}}</td><td class="num" data-label="Poor">{{red}}</td><td class="num" data-label="Percentile">{{percentile}}</td></tr>
        {{/report.agencies}}</tbody>
        </table></div>
        </section>{{/hasAgencies}}
        {{#hasOwnRelationships}}<section aria-labelledby="relationships">
        <h2 id="relationships">Relationships</h2>
        <div class="table-wrap"><table class="stack">
        <thead><tr><th scope="col">Agency</th><th scope="col">Partner</th><th scope="col" class="num">Score</th><th scope="col">Status</th></tr></thead>
        <tbody>
        {{#relationships}}<tr><td data-label="Agency"><a href="{{agencyLink}}">{{agency}}</a></td><th scope="row"><a href="{{link}}">{{partner}}</a></th><td class="num" data-label="Score">{{score}}</td><td><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></td></tr>
        {{/relationships}}</tbody>
        </table></div>
        </section>{{/hasOwnRelationships}}
        <section aria-labelledby="alerts">
        <h2 id="alerts">Alerts</h2>
        {{#report.hasAlerts}}<div class="table-wrap"><table class="counts">
        <thead><tr><th scope="col">Severity</th><th scope="col" class="num">Firing</th><th scope="col" class="num">Pending</th><th scope="col" class="num">Resolved in this run</th></tr></thead>
        <tbody>
        {{#report.alertCounts}}<tr><th scope="row">{{severity}}</th><td class="num">{{firing}}</td><td class="num">{{pending}}</td><td class="num">{{resolved}}</td></tr>
        {{/report.alertCounts}}</tbody>
        </table></div>
        <p class="more"><a href="/alerts">Every alert →</a></p>{{/report.hasAlerts}}
        {{^report.hasAlerts}}<p>No alerts are pending or firing.</p>{{/report.hasAlerts}}
        </section>
        <section aria-labelledby="data">
        <h2 id="data">Data quality</h2>
        {{#report.dataIssues.hasRejected}}<p>{{report.dataIssues.rejected}} data rows were rejected and left out of every score. No row's content is shown here.</p>
        <div class="table-wrap"><table>
        <thead><tr><th scope="col">Reason</th><th scope="col" class="num">Rows</th></tr></thead>
        <tbody>
        {{#report.dataIssues.byReason}}<tr><td>{{reason}}</td><td class="num">{{count}}</td></tr>
        {{/report.dataIssues.byReason}}</tbody>
        </table></div>{{/report.dataIssues.hasRejected}}
        {{^report.dataIssues.hasRejected}}<p>Every data row was accepted.</p>{{/report.dataIssues.hasRejected}}
        </section>
        """#)

    static let agency = page(#"""
        <header>
        <h1>{{name}}</h1>
        <p class="lede">As of {{report.asOfDate}} · {{report.relationshipCount}} relationships shown</p>
        {{#rollUp}}<ul class="summary" aria-label="Roll-up"><li>Score <strong>{{score}}</strong> <span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></li><li>{{scored}} of {{relationships}} scored</li><li>Percentile among agencies: {{percentile}}</li></ul>{{/rollUp}}
        </header>
        {{#cards}}{{#card}}
        """# + ReportMarkup.relationshipCard + #"""
        {{/card}}<p class="more"><a href="{{link}}">{{card.partner}}: history, contributions and every piece of evidence →</a></p>
        {{/cards}}
        """#)

    static let relationship = page(#"""
        <header>
        <h1>{{card.partner}} <span class="kind">with {{card.agency}}</span></h1>
        <p class="lede">As of {{report.asOfDate}} · <a href="{{agencyLink}}">{{card.agency}}</a></p>
        </header>
        {{#card}}
        """# + ReportMarkup.relationshipCard + #"""
        {{/card}}
        <section aria-labelledby="history">
        <h2 id="history">History</h2>
        {{#hasHistory}}<figure>{{{historyChart}}}<figcaption class="note">{{historyText}}</figcaption></figure>
        <div class="table-wrap"><table class="stack">
        <thead><tr><th scope="col">Run</th><th scope="col">As of</th><th scope="col" class="num">Overall</th><th scope="col">Status</th></tr></thead>
        <tbody>
        {{#history}}<tr><td data-label="Run">{{run}}</td><td data-label="As of">{{asOf}}</td><td class="num" data-label="Overall">{{score}}</td><td><span class="status {{status.css}}">{{status.symbol}} {{status.word}}</span></td></tr>
        {{/history}}</tbody>
        </table></div>{{/hasHistory}}
        {{^hasHistory}}<p>No earlier runs are recorded.</p>{{/hasHistory}}
        </section>
        <section aria-labelledby="contributions">
        <h2 id="contributions">What makes up the score</h2>
        <p class="note">{{contributionsNote}}</p>
        <div class="table-wrap"><table class="stack">
        <thead><tr><th scope="col">Indicator</th><th scope="col">Dimension</th><th scope="col" class="num">Score</th><th scope="col" class="num">Share</th><th scope="col" class="num">Points</th>{{#compared}}<th scope="col" class="num">Points then</th><th scope="col" class="num">Change</th>{{/compared}}</tr></thead>
        <tbody>
        {{#contributions}}<tr><th scope="row">{{label}}</th><td data-label="Dimension">{{dimension}}</td><td class="num" data-label="Score">{{score}}</td><td class="num" data-label="Share">{{share}}</td><td class="num" data-label="Points">{{points}}</td>{{#compared}}<td class="num" data-label="Points then">{{previousPoints}}</td><td class="num change {{direction}}" data-label="Change">{{change}}</td>{{/compared}}</tr>
        {{/contributions}}</tbody>
        </table></div>
        </section>
        <section aria-labelledby="evidence">
        <h2 id="evidence">Evidence</h2>
        {{#evidence}}<h3>{{label}}</h3>
        <ul class="evidence">
        {{#lines}}<li>{{.}}</li>
        {{/lines}}</ul>
        {{/evidence}}
        {{^evidence}}<p>No indicator gave evidence for this run.</p>{{/evidence}}
        </section>
        """#)

    static let alerts = page(#"""
        <header>
        <h1>Alerts</h1>
        <p class="lede">As of {{report.asOfDate}} · most severe first</p>
        </header>
        {{#hasAlerts}}<div class="table-wrap"><table class="stack">
        <thead><tr><th scope="col">Severity</th><th scope="col">State</th><th scope="col">Agency</th><th scope="col">Partner</th><th scope="col">Message</th></tr></thead>
        <tbody>
        {{#alerts}}<tr><td data-label="Severity"><span class="severity {{severity}}">{{severity}}</span></td><td data-label="State">{{state}}</td><td data-label="Agency">{{agency}}</td><td data-label="Partner"><a href="{{link}}">{{partner}}</a></td><td data-label="Message">{{message}}</td></tr>
        {{/alerts}}</tbody>
        </table></div>{{/hasAlerts}}
        {{^hasAlerts}}<p>No alerts are pending or firing.</p>{{/hasAlerts}}
        """#)

    static let message = page(#"""
        <header>
        <h1>{{heading}}</h1>
        </header>
        <p>{{text}}</p>
        """#)

    static let signIn = page(#"""
        <header>
        <h1>Sign in</h1>
        <p class="lede">Paste the token you were given. It stays in this browser as a session; sign out when you are done.</p>
        </header>
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        <form class="sign-in" method="post" action="/sign-in">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
        </form>
        """#)
}
