/* The employer form's "use my location" (issue 16, defect 4): pins the posting's place with the
 * browser's location, so job seekers near it are told a measured distance. Without a pin the
 * posting carries its county's point and distances are told as 同乡镇 / 本县 / 约 N 公里.
 * employer.js calls GTPin.addTo(body) when it builds the request. */
(function () {
  "use strict";
  var pin = null;
  var address = document.getElementById("f-address");
  var form = document.getElementById("job-form");
  if (!address || !form) return;

  var box = document.createElement("div");
  box.className = "row tight";
  var button = document.createElement("button");
  button.type = "button";
  button.id = "f-pin";
  button.className = "btn small";
  button.textContent = "用我现在的位置标注工作地点";
  var note = document.createElement("p");
  note.id = "f-pin-status";
  note.className = "hint";
  note.setAttribute("role", "status");
  note.textContent = "人在工作地点时可点此标注，求职者能看到准确距离；不标注则按所在县显示。";
  box.appendChild(button);
  address.insertAdjacentElement("afterend", note);
  address.insertAdjacentElement("afterend", box);

  function clear() {
    pin = null;
    button.textContent = "用我现在的位置标注工作地点";
    note.textContent = "人在工作地点时可点此标注，求职者能看到准确距离；不标注则按所在县显示。";
  }

  button.addEventListener("click", function () {
    if (pin) return clear();
    if (!navigator.geolocation) {
      note.textContent = "这台设备不能定位，可以不标注。";
      return;
    }
    note.textContent = "正在定位…";
    navigator.geolocation.getCurrentPosition(
      function (p) {
        pin = {
          lat: Math.round(p.coords.latitude * 1e5) / 1e5,
          lng: Math.round(p.coords.longitude * 1e5) / 1e5,
        };
        button.textContent = "取消标注";
        note.textContent = "已标注当前位置（误差约 " + Math.round(p.coords.accuracy) + " 米）。";
      },
      function () {
        note.textContent = "没有取得位置（可能未允许定位），可以不标注。";
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
  form.addEventListener("reset", clear);

  window.GTPin = {
    addTo: function (body) {
      if (pin) {
        body.lat = pin.lat;
        body.lng = pin.lng;
      }
    },
  };
})();
