// Progressive enhancement for the search page: a filter box over long facet value lists, and the
// sort and section selects applied as soon as they change. Without this script the full lists are
// shown, every value is a plain link, and the selects apply with the 检索 button.
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
// The statistics controls wait for their 筛选 button: a measure alone, without its number, is no condition.
document.querySelectorAll('form.search-form .search-options select').forEach(function (select) {
  select.addEventListener('change', function () {
    if (select.form) select.form.submit();
  });
});
