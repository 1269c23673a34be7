/* Zerodown report: hover or click a timeline element for its details. Builds DOM nodes with
   textContent only, so user text from the embedded data can never become markup. */
(function () {
  'use strict';
  var source = document.getElementById('zd-data');
  var data = source ? JSON.parse(source.textContent) : [];
  var tip = document.getElementById('zd-tip');
  var panel = document.getElementById('zd-panel-body');
  var svg = document.getElementById('timeline');
  var selected = null;
  var linked = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function build(d) {
    var box = el('div', 'zd-d');
    var title = el('p', 'zd-d-title');
    title.appendChild(el('span', 'zd-d-kind', d.k));
    title.appendChild(document.createTextNode(d.t));
    box.appendChild(title);
    if (d.f && d.f.length) {
      var dl = el('dl', 'zd-d-fields');
      d.f.forEach(function (f) { dl.appendChild(el('dt', null, f[0])); dl.appendChild(el('dd', null, f[1])); });
      box.appendChild(dl);
    }
    if (d.c) { box.appendChild(el('pre', 'zd-d-code', d.c)); }
    if (d.s) {
      var table = el('table', 'zd-table zd-small');
      table.appendChild(el('caption', null, d.s.cap));
      var head = el('tr');
      d.s.h.forEach(function (h) { head.appendChild(el('th', null, h)); });
      table.appendChild(head);
      d.s.r.forEach(function (r) {
        var tr = el('tr');
        r.forEach(function (v) { tr.appendChild(el('td', null, v)); });
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    return box;
  }

  function target(e) {
    var t = e.target;
    return t && t.closest ? t.closest('[data-d]') : null;
  }

  function entry(node) {
    var i = parseInt(node.getAttribute('data-d'), 10);
    return (i >= 0 && i < data.length) ? data[i] : null;
  }

  function link(node) {
    if (linked) { linked.classList.remove('zd-linked'); linked = null; }
    var id = node && node.getAttribute('data-l');
    if (id) {
      linked = document.getElementById(id);
      if (linked) { linked.classList.add('zd-linked'); }
    }
  }

  function place(e) {
    var pad = 14;
    var w = tip.offsetWidth;
    var h = tip.offsetHeight;
    var x = e.clientX + pad;
    var y = e.clientY + pad;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, e.clientX - w - pad); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, e.clientY - h - pad); }
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }

  function show(node) {
    var d = entry(node);
    if (!d) { return; }
    panel.replaceChildren(build(d));
    if (selected) { selected.classList.remove('zd-selected'); }
    selected = node;
    node.classList.add('zd-selected');
  }

  if (svg) {
    svg.addEventListener('mouseover', function (e) {
      var node = target(e);
      if (!node) { tip.hidden = true; link(null); return; }
      var d = entry(node);
      if (!d) { return; }
      tip.replaceChildren(build(d));
      tip.hidden = false;
      place(e);
      link(node);
    });
    svg.addEventListener('mousemove', function (e) { if (!tip.hidden) { place(e); } });
    svg.addEventListener('mouseleave', function () { tip.hidden = true; link(null); });
    svg.addEventListener('click', function (e) { var node = target(e); if (node) { show(node); } });
    svg.addEventListener('keydown', function (e) {
      var node = target(e);
      if (node && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); show(node); }
    });
    svg.addEventListener('focusin', function (e) { var node = target(e); if (node) { show(node); link(node); } });
  }

  document.querySelectorAll('#summary tr[data-t]').forEach(function (row) {
    row.addEventListener('mouseenter', function () { row.classList.add('zd-hl'); });
    row.addEventListener('mouseleave', function () { row.classList.remove('zd-hl'); });
  });
}());
