// Commune search of the project form: typing a name lists communes (datalist); choosing one adds
// "Name (code)" to the list of existing sites. Without JavaScript, INSEE codes can be typed directly.
(function () {
  const search = document.getElementById("commune-search");
  const options = document.getElementById("commune-options");
  const sites = document.getElementById("existing_site_communes");
  if (!search || !options || !sites) return;
  let labels = [];
  search.addEventListener("input", async function () {
    const query = search.value.trim();
    if (labels.includes(query)) {
      sites.value = sites.value.trim() ? sites.value.trim() + " ; " + query : query;
      search.value = "";
      return;
    }
    if (query.length < 2) return;
    const response = await fetch(search.dataset.url + "?q=" + encodeURIComponent(query), {credentials: "same-origin"});
    if (!response.ok) return;
    const data = await response.json();
    labels = data.communes.map(function (c) { return c.label; });
    options.replaceChildren.apply(options, labels.map(function (label) {
      const option = document.createElement("option");
      option.value = label;
      return option;
    }));
  });
})();
