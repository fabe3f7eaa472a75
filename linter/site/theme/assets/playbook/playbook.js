// Shipped with the playbook plugin and loaded on every page (no network access, no library).
(function () {
  "use strict";

  var french = document.documentElement.lang === "fr";

  // Accessibility fixes to the theme.
  // - Material's search panel is a dialog without a name: screen readers announce only "dialog".
  // - Material puts each code block's copy button in an unnamed <nav>: a page with three holding
  //   statements has three navigation landmarks nobody can tell apart. A copy button is not
  //   navigation: its toolbar is taken out of the landmarks (role="none"; the button keeps its name).
  function fixCodeToolbars(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("nav.md-code__nav").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  function fixTheme() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", french ? "Rechercher dans le playbook" : "Search the playbook");
    });
    fixCodeToolbars(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.matches("nav.md-code__nav")) fixCodeToolbars(node.parentNode);
          else if (node.querySelector("nav.md-code__nav")) fixCodeToolbars(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // -- « Qui appeler maintenant » --------------------------------------------------------------
  // The rota is embedded as JSON (linter/site/pages/call_now.py); the answer is worked out here, at
  // the reader's moment, on the organisation's wall clock (Intl.DateTimeFormat with its timeZone).
  // Tests pin the moment with window.PLAYBOOK_NOW or ?now=2027-01-16T15:00:00%2B01:00.
  var WEEK = 7 * 1440;
  // The texts, in the site's language: written by the plugin in every page (linter/site/script.py).
  var TEXTS = (function () {
    var node = document.getElementById("pb-texts");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (error) { return {}; }
  })();
  var DAYS = TEXTS.days || ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = TEXTS.months || ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // The text `key` with its {placeholders} filled in from `values`.
  function t(key, values) {
    var text = typeof TEXTS[key] === "string" ? TEXTS[key] : key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function pinnedNow() {
    var value = window.PLAYBOOK_NOW || new URLSearchParams(location.search).get("now");
    if (value) {
      var pinned = new Date(value);
      if (!isNaN(pinned.getTime())) return { date: pinned, pinned: true };
    }
    return { date: new Date(), pinned: false };
  }

  function wallClock(date, zone) {
    var format;
    try {
      format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    } catch (error) {
      format = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    }
    var parts = {};
    format.formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    var day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday);
    var minute = (parseInt(parts.hour, 10) % 24) * 60 + parseInt(parts.minute, 10);
    return { day: day, minute: minute, date: parts.year + "-" + parts.month + "-" + parts.day };
  }

  function addDays(iso, count) {
    var moment = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) + count));
    return moment.toISOString().slice(0, 10);
  }

  function contains(intervals, weekMinute) {
    var m = ((weekMinute % WEEK) + WEEK) % WEEK;
    for (var i = 0; i < intervals.length; i++) if (intervals[i][0] <= m && m < intervals[i][1]) return true;
    return false;
  }

  function absent(person, iso) {
    return person.absences.some(function (range) { return range[0] <= iso && iso <= range[1]; });
  }

  // A time of day as the site writes it (Language.clock, patterns from linter/site/script.py):
  // `14 h 30`, `9 h` in French, `14:30`, `09:00` in English.
  function clock(minute) {
    minute = ((minute % 1440) + 1440) % 1440;
    var hour = Math.floor(minute / 60), rest = minute % 60;
    var pattern = rest ? TEXTS.clock : TEXTS["clock on the hour"];
    if (typeof pattern !== "string") pattern = "{hh}:{mm}";
    var parts = { hour: hour, minute: rest, hh: String(hour).padStart(2, "0"), mm: String(rest).padStart(2, "0") };
    return pattern.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(parts, name) ? String(parts[name]) : whole;
    });
  }

  // A moment ahead of now, on the wall clock: `offset` minutes after `now` (a wallClock result).
  function ahead(now, offset) {
    var total = now.minute + offset;
    var days = Math.floor(total / 1440);
    return { day: (now.day + days) % 7, minute: total - days * 1440, date: addDays(now.date, days), days: days };
  }

  function when(now, moment) {
    var label = moment.days === 0 ? t("today") : moment.days === 1 ? t("tomorrow") : DAYS[moment.day];
    if (moment.days >= 7) {
      label = t("{weekday} {day} {month}", { weekday: DAYS[moment.day], day: +moment.date.slice(8, 10),
        month: MONTHS[+moment.date.slice(5, 7) - 1] });
    }
    return t("{date} at {time}", { date: label, time: clock(moment.minute) });
  }

  function at(moment) { return moment.day * 1440 + moment.minute; }

  function working(person, moment) {
    return contains(person.schedule, at(moment)) && !absent(person, moment.date);
  }

  // The candidate moments where something may change in the next `days` days: each boundary of the
  // given interval lists, and each midnight (absences change by the day).
  function boundaries(now, lists, days) {
    var here = at(now), limit = days * 1440, offsets = {};
    for (var d = 1; d <= days; d++) offsets[d * 1440 - now.minute] = true;
    lists.forEach(function (intervals) {
      intervals.forEach(function (interval) {
        [interval[0], interval[1]].forEach(function (edge) {
          for (var shift = 0; shift <= limit + WEEK; shift += WEEK) {
            var offset = edge + shift - here;
            if (offset > 0 && offset <= limit) offsets[offset] = true;
          }
        });
      });
    });
    return Object.keys(offsets).map(Number).sort(function (a, b) { return a - b; });
  }

  function nextStart(person, now) {
    for (var d = 0; d <= 62; d++) {
      var date = addDays(now.date, d);
      if (absent(person, date)) continue;
      var dow = (now.day + d) % 7;
      for (var i = 0; i < person.schedule.length; i++) {
        var start = person.schedule[i][0];
        if (start < dow * 1440 || start >= (dow + 1) * 1440) continue;
        var offset = d * 1440 + (start - dow * 1440) - now.minute;
        if (offset > 0) return ahead(now, offset);
      }
    }
    return null;
  }

  function shiftEnd(person, now) {
    var m = at(now);
    for (var i = 0; i < person.schedule.length; i++) {
      var interval = person.schedule[i];
      if (interval[0] <= m && m < interval[1]) return ahead(now, interval[1] - m);
    }
    return null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // "Claire Le Gall — 06 12 34 56 78 · claire@… (jusqu'à 18:00)"
  function contact(person, note) {
    var item = element("span", "pb-now-person");
    item.appendChild(element("strong", null, person.name + (person.intern ? " " + t("(intern)") : "")));
    if (person.tel) {
      item.appendChild(document.createTextNode(" — "));
      var call = element("a", "pb-tel", t("call {phone}", { phone: person.phone }));
      call.href = person.tel;
      item.appendChild(call);
    } else {
      item.appendChild(document.createTextNode(" " + t("— no phone in the playbook")));
    }
    if (person.email) {
      item.appendChild(document.createTextNode(" · "));
      var mail = element("a", null, person.email);
      mail.href = "mailto:" + person.email;
      item.appendChild(mail);
    }
    if (note) item.appendChild(document.createTextNode(" " + note));
    return item;
  }

  function list(items) {
    var ul = element("ul", "pb-now-list");
    items.forEach(function (content) {
      var li = element("li");
      if (typeof content === "string") li.textContent = content; else li.appendChild(content);
      ul.appendChild(li);
    });
    return ul;
  }

  function alertBox(title, body) {
    var box = element("div", "admonition danger pb-now-alert");
    box.appendChild(element("p", "admonition-title", title));
    body.forEach(function (node) { box.appendChild(typeof node === "string" ? element("p", null, node) : node); });
    return box;
  }

  function unbroken(text) { return text.replace(/ /g, "\u00a0"); }

  function orList(items) {
    return items.length <= 1 ? items.join("")
      : t("{items} or {last}", { items: items.slice(0, -1).join(", "), last: items[items.length - 1] });
  }

  function onCallNow(data, now, role) {
    return data.rotas.filter(function (rota) {
      return contains(rota.hours, at(now)) && (!role || rota.roles.indexOf(role) >= 0);
    });
  }

  function rotaBlock(data, rotas, now) {
    return rotas.map(function (rota) {
      var wrap = element("div", "pb-now-rota");
      wrap.appendChild(element("p", null, rota.delay ? t("rota with delay", { name: rota.name, delay: unbroken(rota.delay) })
        : t("rota", { name: rota.name })));
      wrap.appendChild(list(rota.people.map(function (id) { return contact(data.people[id]); })));
      return wrap;
    });
  }

  function nextOnDuty(data, ids, now) {
    var best = null;
    ids.forEach(function (id) {
      var start = nextStart(data.people[id], now);
      if (start && (!best || start.days * 1440 + start.minute < best.start.days * 1440 + best.start.minute)) {
        best = { id: id, start: start };
      }
    });
    return best;
  }

  function teamAt(data, moment) {
    return data.on_duty.filter(function (id) { return working(data.people[id], moment); });
  }

  function renderNow(box, data, moment) {
    var now = wallClock(moment.date, data.zone);
    box.textContent = "";
    var heading = element("p", "pb-now-when");
    heading.appendChild(document.createTextNode(t("It is") + " "));
    heading.appendChild(element("strong", null, t("{weekday} {day} {month} {year}, {time}", { weekday: DAYS[now.day],
      day: +now.date.slice(8, 10), month: MONTHS[+now.date.slice(5, 7) - 1], year: now.date.slice(0, 4),
      time: clock(now.minute) })));
    heading.appendChild(document.createTextNode(" " + t("(the organisation's time, {zone}).", { zone: data.zone })));
    box.appendChild(heading);

    // -- answering the public -----------------------------------------------------------------
    box.appendChild(element("h3", null, t("Answering the public")));
    var team = teamAt(data, now);
    if (team.length) {
      box.appendChild(element("p", null, t("On duty right now:")));
      box.appendChild(list(team.map(function (id) {
        var end = shiftEnd(data.people[id], now);
        return contact(data.people[id], end ? t("(until {time})", { time: clock(end.minute) }) : "");
      })));
    } else {
      box.appendChild(element("p", "pb-now-nobody", t("Nobody is on duty right now.")));
    }
    var promisedNobody = [];
    var lines = data.groups.map(function (group) {
      var promised = contains(group.hours, at(now));
      var delay = group.delays.length ? " " + t("(answer within {delays})", { delays: orList(group.delays.map(unbroken)) })
        : "";
      if (promised && team.length) return t("covered", { channels: group.name, delay: delay });
      if (promised) {
        promisedNobody.push(group);
        return t("uncovered", { channels: group.name, delay: delay });
      }
      var offsets = boundaries(now, [group.hours], 8).filter(function (o) { return contains(group.hours, at(ahead(now, o))); });
      var next = offsets.length ? " " + t("Next promised slot: {when}.", { when: when(now, ahead(now, offsets[0])) }) : "";
      return t("not promised", { channels: group.name, next: next });
    });
    box.appendChild(list(lines));

    // the next change of shift
    var lists = data.on_duty.map(function (id) { return data.people[id].schedule; });
    var key = team.join(",");
    var offsets = boundaries(now, lists, 8);
    for (var i = 0; i < offsets.length; i++) {
      var moment2 = ahead(now, offsets[i]);
      var then = teamAt(data, moment2);
      if (then.join(",") !== key) {
        var names = then.map(function (id) { return data.people[id].name; });
        box.appendChild(element("p", "pb-now-next", t("Next change of team: {when} — {then}.", { when: when(now, moment2),
          then: names.length ? t("on duty next: {names}", { names: names.join(", ") }) : t("nobody on duty any more") })));
        break;
      }
    }

    if (!team.length) {
      var fallback = [];
      var rotas = onCallNow(data, now, null);
      fallback = fallback.concat(rotaBlock(data, rotas, now));
      var next = nextOnDuty(data, data.on_duty, now);
      if (next) {
        fallback.push(element("p", null, t("Next person on duty: {name}, {when}.", { name: data.people[next.id].name,
          when: when(now, next.start) })));
      }
      if (!rotas.length) {
        fallback.push(element("p", null, t("no rota")));
      }
      if (promisedNobody.length) {
        box.appendChild(alertBox(t("A promised hour with nobody on duty"),
          [element("p", null, t("promised, nobody", { channels: promisedNobody.map(function (g) {
            return g.name;
          }).join(t("; ")) }))].concat(fallback)));
      } else {
        fallback.forEach(function (node) { box.appendChild(node); });
      }
    }

    // -- a crisis -------------------------------------------------------------------------------
    if (data.roles.length) {
      box.appendChild(element("h3", null, t("In a crisis")));
      var steps = element("ol", "pb-now-roles");
      data.roles.forEach(function (role) {
        var li = element("li");
        var title = element("p");
        title.appendChild(element("strong", null, role.name));
        title.appendChild(document.createTextNode(" — " + role.why));
        li.appendChild(title);
        var present = role.people.filter(function (id) { return working(data.people[id], now); });
        if (present.length) {
          li.appendChild(list(present.map(function (id) {
            var end = shiftEnd(data.people[id], now);
            return contact(data.people[id], end ? t("(at work until {time})", { time: clock(end.minute) }) : t("(at work)"));
          })));
        } else {
          var rotas2 = onCallNow(data, now, role.id);
          var body = [element("p", null, t("Nobody in this role is at work right now."))];
          body = body.concat(rotaBlock(data, rotas2, now));
          var next2 = nextOnDuty(data, role.people, now);
          if (next2) {
            var who = element("p", null, t("Back {when}: ", { when: when(now, next2.start) }));
            who.appendChild(contact(data.people[next2.id]));
            body.push(who);
          }
          if (!role.people.length) body = [element("p", null, t("Nobody holds this role in the playbook."))];
          if (role.promise && contains(role.promise, at(now)) && !rotas2.length) {
            li.appendChild(alertBox(t("A promised hour with nobody"), [element("p", null, t("role promised, nobody",
              { hours: role.promise_name === t("24 hours a day") ? t("24 hours a day") : t("at this time") }))
            ].concat(body)));
          } else {
            body.forEach(function (node) { li.appendChild(node); });
          }
        }
        steps.appendChild(li);
      });
      box.appendChild(steps);
    }
  }

  function callNow() {
    document.querySelectorAll("[data-pb-now]").forEach(function (box) {
      var source = box.parentNode.querySelector("script.pb-now-data");
      if (!source) return;
      var data;
      try { data = JSON.parse(source.textContent); } catch (error) { return; }
      var moment = pinnedNow();
      renderNow(box, data, moment);
      box.hidden = false;
      box.setAttribute("data-pb-now-ready", "");
      var week = box.parentNode.querySelector("details.pb-now-week");
      if (week) week.open = false;
      if (!moment.pinned) {
        setInterval(function () { renderNow(box, data, pinnedNow()); }, 60 * 1000);
      }
    });
  }

  // -- the crisis card: a print button, and the date it is printed on ------------------------------
  function printDate() {
    var now = pinnedNow().date;
    var zone;
    var source = document.querySelector("script.pb-now-data");
    try { zone = source ? JSON.parse(source.textContent).zone : undefined; } catch (error) { zone = undefined; }
    var local = wallClock(now, zone || "UTC");
    var day = +local.date.slice(8, 10) === 1 ? (TEXTS.first || "1") : String(+local.date.slice(8, 10));
    var text = t("{date} at {time}", { date: t("{day} {month} {year}", { day: day,
      month: MONTHS[+local.date.slice(5, 7) - 1], year: local.date.slice(0, 4) }), time: clock(local.minute) });
    document.querySelectorAll(".pb-print-date").forEach(function (node) { node.textContent = text; });
  }

  function crisisCard() {
    if (!document.querySelector(".pb-card")) return;
    printDate();
    window.addEventListener("beforeprint", printDate);
    document.querySelectorAll(".pb-print-card").forEach(function (paragraph) {
      paragraph.hidden = false;
      var button = paragraph.querySelector("[data-pb-print]");
      if (button) button.addEventListener("click", function () { window.print(); });
    });
  }

  // -- calendar feeds: a one-off copy, or a subscription when the site is served --------------------
  // The download link works everywhere but gives a copy that never changes. Served over http(s),
  // the same file has an address a calendar can subscribe to (webcal://): offered next to it.
  function feeds() {
    document.querySelectorAll("a[data-pb-feed]").forEach(function (link) {
      var paragraph = link.closest("p") || link.parentNode;
      var note = element("p", "pb-feed-subscribe");
      if (location.protocol === "http:" || location.protocol === "https:") {
        var address = new URL(link.getAttribute("href"), location.href).href;
        var subscribe = element("a", "md-button md-button--primary", t("subscribe"));
        subscribe.href = address.replace(/^https?:/, "webcal:");
        note.appendChild(subscribe);
        note.appendChild(element("br"));
        note.appendChild(document.createTextNode(t("add by address")));
        note.appendChild(element("code", "pb-feed-url", address));
      } else {
        note.textContent = t("copied folder");
      }
      paragraph.parentNode.insertBefore(note, paragraph.nextSibling);
    });
  }

  function start() {
    fixTheme();
    callNow();
    crisisCard();
    feeds();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
