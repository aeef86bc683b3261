// Remembers the reading options of the toolbar (大字模式, 高对比度) from page to page. The
// options themselves are CSS (style.css, :has); without this script they work on the page
// they are chosen on. Stored in localStorage, never sent anywhere.
(function () {
  ["opt-large", "opt-contrast"].forEach(function (id) {
    var box = document.getElementById(id), key = "planportal." + id;
    if (!box) return;
    try {
      var v = localStorage.getItem(key);
      if (v !== null) box.checked = v === "1";
    } catch (e) { /* storage disabled: the option lasts for this page */ }
    box.addEventListener("change", function () {
      try { localStorage.setItem(key, box.checked ? "1" : "0"); } catch (e) { /* ignore */ }
    });
  });
})();
