import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

extension ConfigurationResolver {
    /// Tokens shorter than this are refused: a viewer's token guards a community's data.
    static let minimumTokenLength = 16

    /// `http:` and `viewers:`. A `listen` other than loopback needs viewers; viewers need `http:`;
    /// `http:` needs a store (the pages show its last run); each token comes from `${VAR}`.
    mutating func resolveDashboard(_ raw: RawConfiguration, root: YAMLNode) -> DashboardConfiguration? {
        let viewers = resolveViewers(raw.viewers?.value, nodes: root["viewers"]?.sequence ?? [])
        guard let http = raw.http?.value else {
            if let node = root["viewers"] {
                problems.append(SourceError("`viewers:` needs `http:` (the address `serve` answers on)", at: node.mark))
            }
            return nil
        }
        if raw.store?.value == nil, let node = root["http"] {
            problems.append(SourceError("`http:` needs `store:`: the pages show the store's last recorded run", at: node.mark))
        }
        if let evidence = http.evidence, evidence.value < 0 {
            problems.append(evidence.error("`evidence` counts the entries kept of each evidence list: 0 or more"))
        }
        guard let (host, port) = Self.hostAndPort(http.listen.value) else {
            problems.append(http.listen.error(
                "expected `HOST:PORT`, such as `127.0.0.1:8080` or `[::1]:8080`, found `\(http.listen.value)`"))
            return nil
        }
        if root["viewers"] == nil, !DashboardConfiguration.isLoopback(host) {
            problems.append(http.listen.error(
                "`\(host)` is reachable from other machines: list who may look under `viewers:`, or listen on 127.0.0.1"))
        }
        return DashboardConfiguration(
            host: host, port: port, evidenceLimit: http.evidence?.value ?? DashboardConfiguration.defaultEvidenceLimit,
            viewers: root["viewers"] == nil ? nil : viewers)
    }

    /// `HOST:PORT` or `[IPV6]:PORT`.
    static func hostAndPort(_ text: String) -> (String, Int)? {
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        guard !host.isEmpty, let number = Int(port), (0...65535).contains(number), port.allSatisfy(\.isASCII) else { return nil }
        return (String(host), number)
    }

    private mutating func resolveViewers(_ raw: [Collected<RawViewer>]?, nodes: [YAMLNode]) -> [Viewer] {
        var viewers: [Viewer] = []
        var names: Set<String> = []
        var tokens: Set<String> = []
        for (index, entry) in (raw ?? []).enumerated() {
            guard let viewer = entry.value else { continue }
            let name = viewer.name.value
            if name.isEmpty || !names.insert(name).inserted {
                problems.append(viewer.name.error(name.isEmpty ? "a viewer needs a name" : "a second viewer named `\(name)`"))
            }
            let written = index < nodes.count ? nodes[index]["token"]?.scalar?.text : nil
            if let written, !(written.hasPrefix("${") && written.hasSuffix("}") && !written.dropFirst(2).contains("$")) {
                problems.append(viewer.token.error(
                    "write the token as `${VARIABLE}` and set it in the environment: a token in the file is a secret in the file"))
            } else if viewer.token.value.count < Self.minimumTokenLength {
                problems.append(viewer.token.error(
                    "the token is \(viewer.token.value.count) characters; at least \(Self.minimumTokenLength) are needed "
                        + "(such as `openssl rand -hex 24`)"))
            } else if !tokens.insert(viewer.token.value).inserted {
                problems.append(viewer.token.error("two viewers share this token; each needs its own"))
            }
            let scope: Viewer.Scope
            if let written = viewer.scope {
                if written.value != "all" {
                    problems.append(written.error("expected `scope: all`, or `agencies:` and `partners:` lists, found `\(written.value)`"))
                }
                if viewer.agencies != nil || viewer.partners != nil {
                    problems.append(written.error("`scope: all` sees everything: drop `agencies:` and `partners:`, or drop `scope`"))
                }
                scope = .all
            } else {
                let agencies = viewer.agencies?.value ?? [], partners = viewer.partners?.value ?? []
                if agencies.isEmpty, partners.isEmpty {
                    problems.append(viewer.name.error(
                        "viewer `\(name)` sees nothing: give `scope: all`, or `agencies:` or `partners:` with at least one id"))
                }
                scope = .some(agencies: Set(agencies), partners: Set(partners))
            }
            viewers.append(Viewer(name: name, token: viewer.token.value, scope: scope))
        }
        return viewers
    }
}
