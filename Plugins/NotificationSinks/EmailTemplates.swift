/// The built-in digest templates (Mustache): subject, plain text and HTML.
enum EmailTemplates {
    static let subject = #"""
{{% CONTENT_TYPE: TEXT }}Tūtahi alerts as of {{asOfDate}}: {{new}} new, {{stillFiring}} still firing, {{resolved}} resolved
"""#

    static let text = #"""
{{% CONTENT_TYPE: TEXT }}Tūtahi relationship alerts as of {{asOfDate}} ({{asOf}}, {{timezone}})

{{new}} new, {{stillFiring}} still firing, {{resolved}} resolved — most severe first.

{{#alerts}}
[{{severityUpper}}] {{what}}: {{agency}} – {{partner}}
    {{message}}
    rule {{rule}}, {{state}} since {{since}}

{{/alerts}}
{{#reportURL}}The full report, with what counts against each score: {{reportURL}}

{{/reportURL}}You receive this because the Tūtahi config routes these alerts to {{recipient}}.
"""#

    static let html = #"""
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tūtahi alerts</title></head>
<body style="font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24; line-height: 1.5;">
<h1 style="font-size: 20px;">Tūtahi relationship alerts as of {{asOfDate}}</h1>
<p>{{new}} new, {{stillFiring}} still firing, {{resolved}} resolved — most severe first.</p>
<table style="border-collapse: collapse; width: 100%;">
<thead><tr>
<th style="text-align: left; border-bottom: 2px solid #d5dae1; padding: 6px;">Severity</th>
<th style="text-align: left; border-bottom: 2px solid #d5dae1; padding: 6px;">State</th>
<th style="text-align: left; border-bottom: 2px solid #d5dae1; padding: 6px;">Agency</th>
<th style="text-align: left; border-bottom: 2px solid #d5dae1; padding: 6px;">Partner</th>
<th style="text-align: left; border-bottom: 2px solid #d5dae1; padding: 6px;">Message</th>
</tr></thead>
<tbody>
{{#alerts}}<tr>
<td style="border-bottom: 1px solid #d5dae1; padding: 6px;"><strong>{{severity}}</strong></td>
<td style="border-bottom: 1px solid #d5dae1; padding: 6px;">{{what}}</td>
<td style="border-bottom: 1px solid #d5dae1; padding: 6px;">{{agency}}</td>
<td style="border-bottom: 1px solid #d5dae1; padding: 6px;">{{partner}}</td>
<td style="border-bottom: 1px solid #d5dae1; padding: 6px;">{{message}}</td>
</tr>
{{/alerts}}</tbody>
</table>
{{#reportURL}}<p><a href="{{reportURL}}">Read the full report</a>, with what counts against each score.</p>{{/reportURL}}
<p style="color: #4a5360; font-size: 13px;">You receive this because the Tūtahi config routes these alerts to {{recipient}}.</p>
</body></html>
"""#
}
