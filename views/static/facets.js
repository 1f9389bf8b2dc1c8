// Progressive enhancement for the facet panel: a filter box over long value lists. Without this
// script the full list is shown, and every value is a plain link.
document.querySelectorAll('.facet-filter').forEach(function (input) {
  var list = input.parentElement.querySelector('.facet-values');
  if (!list) return;
  input.hidden = false;
  input.addEventListener('input', function () {
    var needle = input.value.trim().toLowerCase();
    list.querySelectorAll('li').forEach(function (item) {
      var label = item.querySelector('.facet-label');
      var text = (label ? label.textContent : item.textContent).toLowerCase();
      item.hidden = needle !== '' && text.indexOf(needle) === -1;
    });
  });
});
