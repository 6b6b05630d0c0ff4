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
    var parsed = { words: [], prefixes: [], not: [], filters: {}, phrases: 0, unsupported: [] };
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
        parsed.unsupported.push(tok);
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

  // Postings of a word: [title JDs, body-only JDs].
  function postings(term) {
    return load("terms/" + shardKey(term) + ".json").then(function (shard) {
      return lists(term, shard);
    });
  }

  function prefixPostings(prefix) {
    return load("terms/" + shardKey(prefix) + ".json").then(function (shard) {
      var terms = Object.keys(shard || {}).filter(function (t) { return t.startsWith(prefix); });
      return Promise.all(terms.map(function (t) { return lists(t, shard); }));
    }).then(function (all) {
      var title = new Set();
      var body = new Set();
      all.forEach(function (pair) {
        pair[0].forEach(function (d) { title.add(d); });
        pair[1].forEach(function (d) { body.add(d); });
      });
      title.forEach(function (d) { body.delete(d); });
      return [Array.from(title), Array.from(body)];
    });
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

  function filterSet(name, values, meta) {
    return resolveValues(name, values, meta).then(function (resolved) {
      return Promise.all(resolved.map(function (v) {
        return load("fields/" + name + "/" + v + ".json").then(function (list) { return decode(list || []); });
      })).then(function (lists) {
        var set = new Set();
        lists.forEach(function (l) { l.forEach(function (d) { set.add(d); }); });
        return set;
      });
    });
  }

  function run(q) {
    var parsed = parse(q);
    queryWords = parsed.words.concat(parsed.prefixes);
    return load("meta.json").then(function (meta) {
      var n = meta.docs;
      var positive = parsed.words.map(function (w) { return { term: w, lists: postings(w) }; })
        .concat(parsed.prefixes.map(function (p) { return { term: p, lists: prefixPostings(p) }; }));
      var filters = Object.keys(parsed.filters).map(function (name) {
        return filterSet(name, parsed.filters[name], meta);
      });
      var negative = parsed.not.map(postings);
      return Promise.all([
        Promise.all(positive.map(function (p) { return p.lists; })),
        Promise.all(filters),
        Promise.all(negative)
      ]).then(function (all) {
        var lists = all[0];
        var scores = null;
        lists.forEach(function (pair) {
          var df = pair[0].length + pair[1].length;
          var idf = Math.log(1 + n / Math.max(df, 1));
          var next = new Map();
          pair[0].forEach(function (d) {
            if (scores === null || scores.has(d)) {
              next.set(d, (scores ? scores.get(d) : 0) + 3 * idf);
            }
          });
          pair[1].forEach(function (d) {
            if (scores === null || scores.has(d)) {
              next.set(d, (scores ? scores.get(d) : 0) + idf);
            }
          });
          scores = next;
        });
        if (scores === null) {
          if (all[1].length === 0) {
            return { parsed: parsed, ranked: [] };
          }
          scores = new Map();
          all[1][0].forEach(function (d) { scores.set(d, 0); });
        }
        all[1].forEach(function (set) {
          scores.forEach(function (_, d) { if (!set.has(d)) { scores.delete(d); } });
        });
        all[2].forEach(function (pair) {
          pair[0].concat(pair[1]).forEach(function (d) { scores.delete(d); });
        });
        var out = Array.from(scores.entries());
        out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return { parsed: parsed, ranked: out.map(function (e) { return e[0]; }), meta: meta };
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
        notes.push("Pay and date filters (" + result.parsed.unsupported.join(", ") + ") work in `jdlib search` only, and were left out.");
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
