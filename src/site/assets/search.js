// Search for the JD library site. Reads the index `jdlib site` writes in search/ and fetches
// only the files a query needs. Words are split and folded exactly as the index builder does
// (src/site/search_index.rs: `words`, `stem`). Builds results with DOM methods only: nothing
// from the index is ever parsed as HTML.
(function () {
  "use strict";

  var script = document.currentScript;
  var base = new URL("../search/", script ? script.src : window.location.href);
  var form = null;
  var input = null;
  var status = null;
  var list = null;
  var more = null;
  var PAGE = 20;
  var cache = {};
  var shown = 0;
  var ranked = [];
  var queryWords = [];

  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base)).then(function (r) {
        if (r.status === 404) {
          return null;
        }
        if (!r.ok) {
          throw new Error("could not load " + path + " (" + r.status + ")");
        }
        return r.json();
      });
    }
    return cache[path];
  }

  function stem(w) {
    var n = Array.from(w).length;
    if (n > 4 && w.endsWith("ies")) {
      return w.slice(0, -3) + "y";
    }
    if (n > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      return w.slice(0, -1);
    }
    return w;
  }

  function words(text) {
    return text
      .split(/[^\p{L}\p{N}]+/u)
      .filter(function (w) { return Array.from(w).length >= 2; })
      .map(function (w) { return stem(w.toLowerCase()); });
  }

  function shardKey(term) {
    return Array.from(term).slice(0, 2).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_";
    }).join("");
  }

  function fieldValue(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // A list of JD numbers: gaps between ascending numbers, or a base64 bitmap (bit i of byte
  // i / 8, lowest bit first) when that was shorter (src/site/postings.rs).
  function decode(list) {
    var out = [];
    if (typeof list === "string") {
      var bytes = atob(list);
      for (var b = 0; b < bytes.length; b++) {
        var byte = bytes.charCodeAt(b);
        for (var bit = 0; byte !== 0 && bit < 8; bit++) {
          if (byte & (1 << bit)) {
            out.push(b * 8 + bit);
          }
        }
      }
      return out;
    }
    var last = 0;
    for (var i = 0; i < list.length; i++) {
      last += list[i];
      out.push(last);
    }
    return out;
  }

  function hex(term) {
    return Array.from(new TextEncoder().encode(term)).map(function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  // A word's two lists from its shard, or from its own file when the shard says 0.
  function lists(term, shard) {
    var entry = shard && shard[term];
    if (entry === undefined) {
      return Promise.resolve([[], []]);
    }
    var full = entry === 0 ? load("terms/" + shardKey(term) + "/" + hex(term) + ".json") : Promise.resolve(entry);
    return full.then(function (pair) {
      return pair ? [decode(pair[0]), decode(pair[1])] : [[], []];
    });
  }

  // The query language of `jdlib search`: words, "phrases", -word, prefix*, field:value.
  function parse(q) {
    var parsed = { words: [], prefixes: [], not: [], filters: {}, ranges: [], phrases: 0, unsupported: [] };
    var re = /(-?)"([^"]*)"?|(\S+)/g;
    var m;
    while ((m = re.exec(q)) !== null) {
      if (m[2] !== undefined) {
        var ws = words(m[2]);
        if (m[1]) {
          parsed.not = parsed.not.concat(ws);
        } else {
          parsed.words = parsed.words.concat(ws);
          if (ws.length > 1) {
            parsed.phrases++;
          }
        }
        continue;
      }
      var tok = m[3];
      var field = /^(level|family|role|region|org|source):(.+)$/i.exec(tok);
      if (field) {
        var name = field[1].toLowerCase();
        (parsed.filters[name] = parsed.filters[name] || []).push(field[2]);
      } else if (/^(salary|since|until)/i.test(tok)) {
        var range = rangeFilter(tok);
        if (range) {
          parsed.ranges.push(range);
        } else {
          parsed.unsupported.push(tok);
        }
      } else if (tok.charAt(0) === "-" && tok.length > 1) {
        parsed.not = parsed.not.concat(words(tok.slice(1)));
      } else if (tok.endsWith("*")) {
        var p = tok.slice(0, -1).toLowerCase();
        if (Array.from(p).length >= 2) {
          parsed.prefixes.push(p);
        }
      } else {
        parsed.words = parsed.words.concat(words(tok));
      }
    }
    return parsed;
  }

  // `salary>=45000` (also >, <=, <, : and 45k or £45,000) and `since:`/`until:` YYYY-MM-DD, as
  // `jdlib search` reads them: salary>= asks that the annual range reach N, salary<= that it
  // start at or below N, salary:N that N lie inside it.
  function rangeFilter(tok) {
    var pay = /^salary(>=|<=|>|<|:|=)£?([0-9][0-9,]*(?:\.[0-9]+)?)(k?)$/i.exec(tok);
    if (pay) {
      var pounds = Number(pay[2].replace(/,/g, "")) * (pay[3] ? 1000 : 1);
      var op = pay[1] === "=" ? ":" : pay[1];
      return { kind: "salary", op: op, value: pounds };
    }
    var date = /^(since|until):(\d{4})-(\d{2})-(\d{2})$/i.exec(tok);
    if (date) {
      var value = Number(date[2]) * 10000 + Number(date[3]) * 100 + Number(date[4]);
      return { kind: date[1].toLowerCase(), op: date[1].toLowerCase() === "since" ? ">=" : "<=", value: value };
    }
    return null;
  }

  function stepOf(name, value, meta) {
    if (name === "date") {
      return Math.floor(value / 10000) * 12 + (Math.floor(value / 100) % 100) - 1;
    }
    return Math.floor(value / meta.payStep);
  }

  // The JDs whose figure in column `name` compares with `value` (">=", ">", "<=" or "<"), as a
  // 0/1 array: whole steps from the ge-/le- files, the step `value` falls in from its band.
  function rangeMask(name, op, value, meta) {
    var n = meta.docs;
    var mask = new Uint8Array(n);
    var r = meta.ranges[name];
    if (!r) {
      return Promise.resolve(mask);
    }
    var up = op.charAt(0) === ">";
    var k = stepOf(name, value, meta);
    var whole = null;
    var band = null;
    if (up) {
      if (k < r.first) {
        whole = "ge-" + r.first;
      } else if (k <= r.last) {
        whole = k + 1 <= r.last ? "ge-" + (k + 1) : null;
        band = "band-" + k;
      }
    } else if (k > r.last) {
      whole = "le-" + r.last;
    } else if (k >= r.first) {
      whole = k - 1 >= r.first ? "le-" + (k - 1) : null;
      band = "band-" + k;
    }
    var keep = {
      ">=": function (v) { return v >= value; },
      ">": function (v) { return v > value; },
      "<=": function (v) { return v <= value; },
      "<": function (v) { return v < value; }
    }[op];
    var path = "range/" + name + "/";
    return Promise.all([
      whole ? load(path + whole + ".json") : Promise.resolve(null),
      band ? load(path + band + ".json") : Promise.resolve(null)
    ]).then(function (files) {
      if (files[0] !== null) {
        decode(files[0]).forEach(function (d) { mask[d] = 1; });
      }
      if (files[1] !== null) {
        var ids = decode(files[1][0]);
        ids.forEach(function (d, i) { if (keep(files[1][1][i])) { mask[d] = 1; } });
      }
      return mask;
    });
  }

  function rangeMasks(range, meta) {
    if (range.kind === "since" || range.kind === "until") {
      return [rangeMask("date", range.op, range.value, meta)];
    }
    if (range.op === ":") {
      return [rangeMask("paymax", ">=", range.value, meta), rangeMask("paymin", "<=", range.value, meta)];
    }
    return [rangeMask(range.op.charAt(0) === ">" ? "paymax" : "paymin", range.op, range.value, meta)];
  }

  // A word's JDs as [own title, role's title or aliases, body only]. A role's words are in
  // meta.json with the role, and its JDs in fields/role/<id>.json.
  function roleDocs(matches, meta) {
    var ids = meta.roles.filter(function (r) { return r[1].some(matches); }).map(function (r) { return r[0]; });
    return Promise.all(ids.map(function (id) {
      return load("fields/role/" + id + ".json").then(function (list) { return decode(list || []); });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  function postings(term, meta) {
    var fromShard = load("terms/" + shardKey(term) + ".json").then(function (shard) {
      return lists(term, shard);
    });
    var fromRoles = roleDocs(function (w) { return w === term; }, meta);
    return Promise.all([fromShard, fromRoles]).then(function (r) { return [r[0][0], r[1], r[0][1]]; });
  }

  function prefixPostings(prefix, meta) {
    var fromShard = load("terms/" + shardKey(prefix) + ".json").then(function (shard) {
      var terms = Object.keys(shard || {}).filter(function (t) { return t.startsWith(prefix); });
      return Promise.all(terms.map(function (t) { return lists(t, shard); }));
    }).then(function (all) {
      var title = [];
      var body = [];
      all.forEach(function (pair) {
        title = title.concat(pair[0]);
        body = body.concat(pair[1]);
      });
      return [title, body];
    });
    var fromRoles = roleDocs(function (w) { return w.startsWith(prefix); }, meta);
    return Promise.all([fromShard, fromRoles]).then(function (r) { return [r[0][0], r[1], r[0][1]]; });
  }

  function resolveValues(name, values, meta) {
    if (name === "org") {
      return load("orgs.json").then(function (orgs) {
        var out = [];
        values.forEach(function (v) {
          var want = v.toLowerCase();
          (orgs || []).forEach(function (o) {
            var names = [o[0], o[1], o[2]].concat(o[3] || []).map(function (s) { return s.toLowerCase(); });
            if (names.some(function (s) { return s === want || s.indexOf(want) !== -1; })) {
              out.push(o[0]);
            }
          });
        });
        return out;
      });
    }
    var known = (meta.fields[name] || []);
    return Promise.resolve(values.map(fieldValue).flatMap(function (v) {
      return known.filter(function (k) { return k === v || (name === "region" && k.startsWith(v)); });
    }));
  }

  // The JDs a filter allows, as a 0/1 array: any of its values (level:senior level:lead).
  function filterMask(name, values, meta) {
    return resolveValues(name, values, meta).then(function (resolved) {
      return Promise.all(resolved.map(function (v) {
        return load("fields/" + name + "/" + v + ".json").then(function (list) { return decode(list || []); });
      })).then(function (lists) {
        var mask = new Uint8Array(meta.docs);
        lists.forEach(function (l) { l.forEach(function (d) { mask[d] = 1; }); });
        return mask;
      });
    });
  }

  // Every word must match; a JD scores each word's weight (own title 3, role 2, body 1) times
  // how rare the word is. Typed arrays, not maps: a common word can have most of 100,000 JDs.
  function run(q) {
    var parsed = parse(q);
    queryWords = parsed.words.concat(parsed.prefixes);
    return load("meta.json").then(function (meta) {
      var n = meta.docs;
      var positive = parsed.words.map(function (w) { return postings(w, meta); })
        .concat(parsed.prefixes.map(function (p) { return prefixPostings(p, meta); }));
      var filters = Object.keys(parsed.filters).map(function (name) {
        return filterMask(name, parsed.filters[name], meta);
      });
      parsed.ranges.forEach(function (range) {
        filters = filters.concat(rangeMasks(range, meta));
      });
      var negative = parsed.not.map(function (w) { return postings(w, meta); });
      return Promise.all([Promise.all(positive), Promise.all(filters), Promise.all(negative)]).then(function (all) {
        var terms = all[0];
        var score = new Float64Array(n);
        var matched = new Uint16Array(n);
        var mark = new Uint16Array(n);
        terms.forEach(function (lists, t) {
          var stamp = t + 1;
          var df = lists[0].length + lists[1].length + lists[2].length;
          var idf = Math.log(1 + n / Math.max(df, 1));
          [3, 2, 1].forEach(function (weight, k) {
            var ids = lists[k];
            for (var i = 0; i < ids.length; i++) {
              var d = ids[i];
              if (mark[d] !== stamp) {
                mark[d] = stamp;
                matched[d]++;
                score[d] += weight * idf;
              }
            }
          });
        });
        var excluded = new Uint8Array(n);
        all[2].forEach(function (lists) {
          lists.forEach(function (ids) { ids.forEach(function (d) { excluded[d] = 1; }); });
        });
        var masks = all[1];
        var out = [];
        if (terms.length === 0 && masks.length === 0) {
          return { parsed: parsed, ranked: [], meta: meta };
        }
        for (var d = 0; d < n; d++) {
          if (matched[d] !== terms.length || excluded[d]) {
            continue;
          }
          var allowed = true;
          for (var m = 0; m < masks.length; m++) {
            if (!masks[m][d]) {
              allowed = false;
              break;
            }
          }
          if (allowed) {
            out.push(d);
          }
        }
        out.sort(function (a, b) { return score[b] - score[a] || a - b; });
        return { parsed: parsed, ranked: out, meta: meta };
      });
    });
  }

  function highlight(el, text) {
    var wanted = new Set(queryWords);
    var parts = text.split(/([^\p{L}\p{N}]+)/u);
    parts.forEach(function (part) {
      var w = stem(part.toLowerCase());
      var hit = part.length > 1 && (wanted.has(w) || queryWords.some(function (q) { return w.startsWith(q) && q.length >= 2 && !wanted.has(q) ; }));
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        el.appendChild(mark);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function row(doc) {
    var li = document.createElement("li");
    li.className = "result";
    var h = document.createElement("h2");
    h.className = "result__title";
    var a = document.createElement("a");
    a.href = new URL("../" + doc[1], base).href;
    highlight(a, doc[0]);
    h.appendChild(a);
    li.appendChild(h);
    var facts = document.createElement("p");
    facts.className = "result__facts";
    facts.textContent = [doc[2], doc[3].charAt(0).toUpperCase() + doc[3].slice(1), doc[4]].filter(Boolean).join(" · ");
    li.appendChild(facts);
    if (doc[5]) {
      var snippet = document.createElement("p");
      snippet.className = "result__snippet";
      highlight(snippet, doc[5]);
      li.appendChild(snippet);
    }
    return li;
  }

  function showMore(meta) {
    var page = ranked.slice(shown, shown + PAGE);
    var shardSize = meta.docShard;
    var needed = Array.from(new Set(page.map(function (d) { return Math.floor(d / shardSize); })));
    return Promise.all(needed.map(function (s) { return load("docs/" + s + ".json"); })).then(function (shards) {
      var byShard = {};
      needed.forEach(function (s, i) { byShard[s] = shards[i] || []; });
      page.forEach(function (d) {
        var doc = byShard[Math.floor(d / shardSize)][d % shardSize];
        if (doc) {
          list.appendChild(row(doc));
        }
      });
      shown += page.length;
      more.hidden = shown >= ranked.length;
    });
  }

  function search(q) {
    list.textContent = "";
    shown = 0;
    ranked = [];
    more.hidden = true;
    if (!q.trim()) {
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    var started = performance.now();
    run(q).then(function (result) {
      ranked = result.ranked;
      var notes = [];
      if (result.parsed.phrases) {
        notes.push("Here, a phrase in quotes finds JDs with all its words; `jdlib search` matches the exact phrase.");
      }
      if (result.parsed.unsupported.length) {
        notes.push("These were not understood and were left out: " + result.parsed.unsupported.join(", ") + " (write salary>=45000 or since:2024-01-01).");
      }
      var count = ranked.length === 1 ? "1 JD matches" : ranked.length + " JDs match";
      status.textContent = count + " \u201c" + q + "\u201d." + (notes.length ? " " + notes.join(" ") : "");
      document.body.setAttribute("data-search-ms", String(Math.round(performance.now() - started)));
      return result.meta ? showMore(result.meta) : null;
    }).then(function () {
      document.body.setAttribute("data-search-done", "true");
    }).catch(function (err) {
      status.textContent = "Search could not run: " + err.message + ". Browse the roles instead.";
      document.body.setAttribute("data-search-done", "error");
    });
  }

  function start() {
    input = document.getElementById("q");
    status = document.getElementById("search-status");
    list = document.getElementById("search-results");
    more = document.getElementById("search-more");
    if (!input || !status || !list || !more) {
      return;
    }
    form = input.form;
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.href);
      search(input.value);
    });
    more.addEventListener("click", function () {
      load("meta.json").then(showMore);
    });
    search(q);
  }

  start();
}());
